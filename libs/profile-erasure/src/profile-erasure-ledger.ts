import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ProfileErasedV1 } from '@meridian/contracts';
import { JetStreamPublisher, PermanentError } from '@meridian/messaging';
import { deletionConfirmation, type ConfirmationCause } from './deletion-confirmation';
import type { ErasedProfileDocument } from './erased-profiles.collection';
import { ErasedProfilesRepository } from './erased-profiles.repository';
import { PROFILE_ERASURE_OPTIONS, type ProfileErasureOptions } from './profile-erasure-options';

/** Deletes what a service holds about one profile; resolves to the number of records deleted. */
export type ProfileDataEraser = (workspaceId: string, profileId: string) => Promise<number>;

/** One profile erased for one request. */
interface ErasureOf {
  readonly workspaceId: string;
  readonly profileId: string;
  readonly requestId: string;
}

/**
 * One service's side of data-subject deletions for the data it keeps by profile id: it records
 * each profile it erased and confirms a request once every profile of it is recorded, whichever
 * partition's owner gets there last. Every step is safe to repeat: the first record stands, and
 * the confirmation has the same id whoever publishes it, however often.
 */
@Injectable()
export class ProfileErasureLedger {
  private readonly logger = new Logger(ProfileErasureLedger.name);

  constructor(
    private readonly erased: ErasedProfilesRepository,
    private readonly publisher: JetStreamPublisher,
    @Inject(PROFILE_ERASURE_OPTIONS) private readonly options: ProfileErasureOptions,
  ) {}

  /**
   * Carries out identity's ProfileErasedV1 on this service: `eraseData` deletes the profile's
   * data, then the erasure is recorded and the request confirmed when it is complete. The
   * caller runs it where the profile's data has its single writer (its partition's owner); an
   * event that reached another partition's consumer is refused for good.
   */
  async carryOut(
    event: ProfileErasedV1,
    eraseData: ProfileDataEraser,
    /** The partition of the consumer it came from; undefined for an unpartitioned one. */
    ownedPartition?: number,
  ): Promise<void> {
    const { requestId, profileId, requestProfileIds, partition } = event.payload;
    if (ownedPartition !== undefined && ownedPartition !== partition) {
      throw new PermanentError(
        `${event.id} erases a profile of partition ${partition} but arrived on partition ${ownedPartition}: only the partition's owner may delete its data`,
      );
    }
    if (profileId !== null) {
      const erasure = { workspaceId: event.workspaceId, profileId, requestId };
      // The tombstone goes first: a write racing the deletion (an email being recorded as it
      // is sent) either is deleted by it or, checking isErased after writing, undoes itself.
      await this.begin(erasure);
      await this.complete(erasure, await eraseData(event.workspaceId, profileId));
    }
    await this.confirmWhenComplete(event, requestId, requestProfileIds);
  }

  /** Records that the profile was erased for the request and what that deleted. */
  async record(erasure: ErasureOf, deletedRecords: number): Promise<void> {
    await this.begin(erasure);
    await this.complete(erasure, deletedRecords);
  }

  private async begin(erasure: ErasureOf): Promise<void> {
    const begun = await this.erased.beginIfAbsent({ ...erasure, erasedAt: new Date() });
    if (!begun) this.logger.debug(`a profile of request ${erasure.requestId} was erased before`);
  }

  /** The first count stands: a redelivery deletes nothing more and must not overwrite it. */
  private async complete(erasure: ErasureOf, deletedRecords: number): Promise<void> {
    await this.erased.completeIfOpen(erasure.workspaceId, erasure.profileId, deletedRecords);
  }

  /**
   * Publishes this service's confirmation once every profile of the request is recorded erased
   * (at once for a request that named none); true when it did.
   */
  async confirmWhenComplete(
    cause: ConfirmationCause,
    requestId: string,
    requestProfileIds: readonly string[],
  ): Promise<boolean> {
    const distinct = new Set(requestProfileIds);
    const records = (await this.erased.findErased(cause.workspaceId, [...distinct])).filter(
      (record) => record.deletedRecords !== null,
    );
    if (records.length < distinct.size) {
      this.logger.debug(
        `deletion request ${requestId}: ${records.length} of ${distinct.size} profiles erased`,
      );
      return false;
    }
    await this.publishConfirmation(cause, requestId, records);
    return true;
  }

  /**
   * Confirms again a request some profile was erased for, with the count recorded then; false
   * when none was. A request that matches nobody on a redelivery was carried out before, and
   * must not be taken for one that matched nobody.
   */
  async confirmAgain(cause: ConfirmationCause, requestId: string): Promise<boolean> {
    const records = await this.erased.findErasedFor(cause.workspaceId, requestId);
    if (records.length === 0) return false;
    // An erasure still under way confirms when it completes (its redelivery, after a crash).
    if (records.every((record) => record.deletedRecords !== null))
      await this.publishConfirmation(cause, requestId, records);
    return true;
  }

  private async publishConfirmation(
    cause: ConfirmationCause,
    requestId: string,
    records: readonly ErasedProfileDocument[],
  ): Promise<void> {
    const { subject, event } = deletionConfirmation({
      cause,
      requestId,
      serviceName: this.options.serviceName,
      deletedRecords: records.reduce((sum, record) => sum + (record.deletedRecords ?? 0), 0),
      at: new Date().toISOString(),
    });
    await this.publisher.publish(subject, event);
    this.logger.log(`deletion request ${requestId}: every profile erased; confirmed`);
  }

  /** Whether the profile was erased: its late events must not create its data again. */
  isErased(workspaceId: string, profileId: string): Promise<boolean> {
    return this.erased.isErased(workspaceId, profileId);
  }
}
