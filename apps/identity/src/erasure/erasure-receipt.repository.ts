import { Injectable } from '@nestjs/common';
import { BaseRepository, InjectDatabase, type Database } from '@meridian/persistence';
import {
  erasureReceiptsCollection,
  type ErasureReceiptDocument,
} from './erasure-receipts.collection';

/** Insert-only storage of erasure receipts; see erasureReceiptsCollection. */
@Injectable()
export class ErasureReceiptRepository {
  private readonly receipts: BaseRepository<ErasureReceiptDocument>;

  constructor(@InjectDatabase() db: Database) {
    this.receipts = new BaseRepository<ErasureReceiptDocument>(db, erasureReceiptsCollection);
  }

  /** Stores a receipt; false when one with its id was stored before (the first one stands). */
  async recordIfAbsent(receipt: ErasureReceiptDocument): Promise<boolean> {
    return this.receipts.insertIfAbsent(receipt.workspaceId, receipt);
  }

  /** The receipts of the workspace with these ids; ids without a receipt are left out. */
  async findByIds(workspaceId: string, ids: readonly string[]): Promise<ErasureReceiptDocument[]> {
    if (ids.length === 0) return [];
    return this.receipts.find(workspaceId, { _id: { $in: [...ids] } });
  }
}
