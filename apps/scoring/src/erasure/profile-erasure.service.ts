import { Inject, Injectable } from '@nestjs/common';
import type { ProfileErasedV1 } from '@meridian/contracts';
import { ProfileErasureLedger } from '@meridian/profile-erasure';
import { ModelsErasure } from '../models';
import { PartitionLock, RfmErasure } from '../rfm';

/**
 * Carries out identity's ProfileErasedV1 on scoring: on the owner of the profile's partition,
 * under its lock (as every write of the partition), RFM and the models delete what they hold
 * about the profile; the ledger then records the erasure and confirms the request once every
 * profile of it is erased. The event follows every resolved event of the profile on its
 * partition, so none is left to create its data again; a late message event is dropped by
 * RFM and the models, which ask the ledger before creating a profile's document.
 */
@Injectable()
export class ProfileErasure {
  constructor(
    private readonly ledger: ProfileErasureLedger,
    private readonly rfm: RfmErasure,
    private readonly models: ModelsErasure,
    @Inject(PartitionLock) private readonly lock: PartitionLock,
  ) {}

  /** `ownedPartition`: the partition of the consumer the event came from. */
  async carryOut(event: ProfileErasedV1, ownedPartition: number | undefined): Promise<void> {
    const { partition } = event.payload;
    await this.ledger.carryOut(
      event,
      (workspaceId, profileId) =>
        this.lock.run(partition, () => this.eraseData(workspaceId, profileId, partition)),
      ownedPartition,
    );
  }

  /**
   * The records deleted: RFM's and the models' documents, and the pending NBA decisions
   * forgotten, each a stored record naming the profile.
   */
  private async eraseData(workspaceId: string, profileId: string, partition: number) {
    const rfm = await this.rfm.eraseProfile(workspaceId, profileId, partition);
    const models = await this.models.eraseProfile(workspaceId, profileId, partition);
    return rfm + models;
  }
}
