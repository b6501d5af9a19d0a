import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ProfileErasureRequestedV1 } from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { IdentifierRepository, ProfileRepository, UnprocessableEventError } from '../profiles';
import { deletionConfirmation } from './erasure-events';
import { ERASURE_OPTIONS, type ErasureOptions } from './erasure-options';
import { ErasureReceiptRepository } from './erasure-receipt.repository';
import { erasureReceiptId } from './erasure-receipts.collection';

/**
 * Erases one profile on the owner of its partition: its identifier claims, then the profile
 * document (traits, computed traits, timeline, message history, engagement counters, applied
 * event ids), then records a receipt, and confirms the request once every profile of it has
 * one. Every step is safe to repeat after a crash: a redelivery deletes nothing more, keeps
 * the first receipt and publishes the confirmation under the same id.
 */
@Injectable()
export class ProfileErasureService {
  private readonly logger = new Logger(ProfileErasureService.name);

  constructor(
    private readonly profiles: ProfileRepository,
    private readonly identifiers: IdentifierRepository,
    private readonly receipts: ErasureReceiptRepository,
    private readonly publisher: JetStreamPublisher,
    @Inject(ERASURE_OPTIONS) private readonly options: ErasureOptions,
  ) {}

  /** `ownedPartition`: the partition of the consumer this command came from. */
  async erase(
    command: ProfileErasureRequestedV1,
    ownedPartition: number | undefined,
  ): Promise<void> {
    const { workspaceId } = command;
    const { requestId, profileId } = command.payload;
    await this.assertSingleWriter(command, ownedPartition);
    // Claims go first: a claim left pointing at a deleted profile (a crash between the two)
    // would dead-letter every later call naming the identifier; a profile left without claims
    // is only found by this command, whose redelivery deletes it.
    const claims = await this.identifiers.releaseAllOf(workspaceId, profileId);
    const profiles = await this.profiles.delete(workspaceId, profileId);
    const recorded = await this.receipts.recordIfAbsent({
      _id: erasureReceiptId(requestId, profileId),
      workspaceId,
      requestId,
      deletedRecords: claims + profiles,
      erasedAt: new Date(),
    });
    if (!recorded) this.logger.debug(`${command.id} was carried out before; checking completion`);
    await this.confirmWhenComplete(command);
  }

  /** Only the owner of the profile's partition may delete it (single writer per profile). */
  private async assertSingleWriter(
    command: ProfileErasureRequestedV1,
    ownedPartition: number | undefined,
  ): Promise<void> {
    const { workspaceId } = command;
    const { profileId, partition } = command.payload;
    const stored = await this.profiles.partitionOf(workspaceId, profileId);
    const actual = stored ?? partition;
    if (actual !== partition || actual !== ownedPartition) {
      throw new UnprocessableEventError(
        `erasure of profile "${profileId}" (workspace "${workspaceId}") arrived on partition ` +
          `${ownedPartition ?? '(none)'} for partition ${partition}, but the profile lives on ` +
          `${actual}: only the owner of its partition may erase it`,
      );
    }
  }

  private async confirmWhenComplete(command: ProfileErasureRequestedV1): Promise<void> {
    const { workspaceId } = command;
    const { requestId, requestProfileIds } = command.payload;
    const ids = [...new Set(requestProfileIds.map((id) => erasureReceiptId(requestId, id)))];
    const receipts = await this.receipts.findByIds(workspaceId, ids);
    if (receipts.length < ids.length) {
      this.logger.debug(
        `deletion request ${requestId}: ${receipts.length} of ${ids.length} profiles erased`,
      );
      return;
    }
    const { subject, event } = deletionConfirmation({
      cause: command,
      requestId,
      serviceName: this.options.serviceName,
      deletedRecords: receipts.reduce((sum, receipt) => sum + receipt.deletedRecords, 0),
      at: new Date().toISOString(),
    });
    await this.publisher.publish(subject, event);
    this.logger.log(`deletion request ${requestId}: every profile erased; confirmed`);
  }
}
