import { Injectable } from '@nestjs/common';
import { ModelProfilesRepository } from './model-profiles.repository';
import { ModelStore } from './model-store';
import { NbaService } from './nba.service';

/**
 * What the models hold about one profile, deleted for a data-subject erasure on the owner of
 * its partition: its `model_profiles` document, its engagements in the partition's population
 * (send time, best channel), and its pending NBA decisions, which the bandits keep by profile
 * id and checkpoint into `model_versions`. What the propensity models and bandits learned from
 * it stays: their weights and posteriors name nobody and cannot be taken apart.
 */
@Injectable()
export class ModelsErasure {
  constructor(
    private readonly store: ModelStore,
    private readonly profiles: ModelProfilesRepository,
    private readonly nba: NbaService,
  ) {}

  /**
   * Erases the profile's model data; answers the documents deleted plus the pending decisions
   * forgotten (each a stored record naming the profile). The caller holds the partition's
   * lock. Safe to repeat: a second run finds nothing left and answers 0.
   */
  async eraseProfile(workspaceId: string, profileId: string, partition: number): Promise<number> {
    this.store.assertOwns(partition, `the erasure of a profile of partition ${partition}`);
    const stored = await this.profiles.find(workspaceId, profileId);
    // The document goes before the population changes in memory: if deleting it fails, the
    // retry finds it and takes its engagements out once; if the checkpoint below fails, the
    // retry finds no document and does not take them out twice.
    const deleted = await this.profiles.delete(workspaceId, profileId);
    if (stored !== null && (stored.slots.length > 0 || stored.channels.length > 0))
      (await this.store.engagementOf(workspaceId, partition)).removeProfile(stored);
    let forgotten = 0;
    for (const bandit of (await this.store.banditsOf(workspaceId, partition)).values())
      forgotten += bandit.forgetProfile(profileId);
    this.nba.forgetProfile(workspaceId, profileId);
    // Checkpointed now, not at the next timer: until then `model_versions` still names the
    // profile in the pending decisions it last stored.
    await this.store.flush(workspaceId, partition, true);
    return deleted + forgotten;
  }
}
