import { Injectable } from '@nestjs/common';
import { memberRemoval } from './population';
import { RfmPartitionRepository } from './rfm-partition.repository';
import { RfmPopulationService } from './rfm-population.service';
import { rfmProfileId } from './rfm-profile';
import { RfmProfileRepository } from './rfm-profile.repository';

/**
 * What RFM holds about one profile, deleted for a data-subject erasure on the owner of its
 * partition: its `rfm_profiles` document, its values in the partition's population sketches,
 * and the partition's sweep cursor when that points at it (the cursor keeps the `_id` of the
 * last profile walked, which names the profile).
 */
@Injectable()
export class RfmErasure {
  constructor(
    private readonly profiles: RfmProfileRepository,
    private readonly partitions: RfmPartitionRepository,
    private readonly population: RfmPopulationService,
  ) {}

  /**
   * Erases the profile's RFM data; answers the documents deleted (0 or 1). The caller holds
   * the partition's lock. Safe to repeat: a second run finds nothing left and answers 0.
   *
   * The document goes first and the sketches follow, as after every save: a crash in between
   * leaves the erased values in the sketches (counts naming nobody) until the next sweep
   * rebuilds them from the stored profiles, while the other order would, on a retry, take
   * them out twice.
   */
  async eraseProfile(workspaceId: string, profileId: string, partition: number): Promise<number> {
    const stored = await this.profiles.findProfile(workspaceId, profileId);
    const deleted = await this.profiles.delete(workspaceId, profileId);
    if (stored !== null && deleted > 0) {
      await this.population.ensurePartition(workspaceId, partition);
      await this.partitions.applyChange(workspaceId, partition, memberRemoval(stored.facts), null);
    }
    await this.moveSweepCursorOff(workspaceId, partition, rfmProfileId(workspaceId, profileId));
    return deleted;
  }

  /**
   * A cursor resting on the erased profile's `_id` is moved back to the profile before it: with
   * the erased one deleted, a sweep resuming from there walks exactly the same profiles.
   */
  private async moveSweepCursorOff(
    workspaceId: string,
    partition: number,
    erasedId: string,
  ): Promise<void> {
    const sweep = (await this.partitions.find(workspaceId, partition))?.sweep ?? null;
    if (sweep?.lastId !== erasedId) return;
    const lastId = await this.profiles.idBefore(workspaceId, partition, erasedId);
    await this.partitions.saveCursor(workspaceId, partition, { ...sweep, lastId });
  }
}
