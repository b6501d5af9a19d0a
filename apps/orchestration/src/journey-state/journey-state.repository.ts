import { Injectable } from '@nestjs/common';
import {
  BaseRepository,
  DuplicateKeyError,
  InjectDatabase,
  type Database,
} from '@meridian/persistence';
import type { InsertOutcome, JourneyEntryStore } from './entry-rule';
import { journeyStatesCollection } from './journey-state.collections';
import { JourneyState, journeyStateId } from './journey-state';

/** `journey_states`: one document per profile and journey it entered. */
@Injectable()
export class JourneyStateRepository implements JourneyEntryStore {
  private readonly states: BaseRepository<JourneyState>;

  constructor(@InjectDatabase() db: Database) {
    this.states = new BaseRepository<JourneyState>(db, journeyStatesCollection);
  }

  /**
   * Inserts the state unless the profile already has one for this journey. The unique _id
   * makes this atomic: of two concurrent entries exactly one is inserted, the other gets
   * the winner back.
   */
  async insertIfAbsent(state: JourneyState): Promise<InsertOutcome> {
    try {
      await this.states.insertOne(state.workspaceId, state);
      return { inserted: true };
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
    const existing = await this.findById(state.workspaceId, state._id);
    if (!existing) {
      throw new Error(`journey state ${state._id} was reported as existing but cannot be read`);
    }
    return { inserted: false, existing };
  }

  async find(
    workspaceId: string,
    journeyId: string,
    profileId: string,
  ): Promise<JourneyState | null> {
    return this.findById(workspaceId, journeyStateId(workspaceId, journeyId, profileId));
  }

  /**
   * Marks the entry completed. Guarded by the revision read before: the profile's partition
   * has one writer, so a mismatch means a bug or a second owner, never normal traffic.
   */
  async markCompleted(state: JourneyState, completedAt: string): Promise<JourneyState> {
    const completed: JourneyState = {
      ...state,
      status: 'completed',
      completedAt,
      revision: state.revision + 1,
    };
    const updated = await this.states.updateIfUnchanged(
      state.workspaceId,
      { _id: state._id, revision: state.revision },
      { $set: { status: 'completed', completedAt, revision: completed.revision } },
    );
    if (!updated) {
      throw new Error(
        `journey state ${state._id} changed since revision ${state.revision}: not completing it`,
      );
    }
    return completed;
  }

  /** Deletes every journey state of the profile; resolves to how many there were. */
  async deleteAllOf(workspaceId: string, profileId: string): Promise<number> {
    return this.states.deleteMany(workspaceId, { profileId });
  }

  private async findById(workspaceId: string, id: string): Promise<JourneyState | null> {
    const document = await this.states.findOne(workspaceId, { _id: id });
    return document ? JourneyState.parse(document) : null;
  }
}
