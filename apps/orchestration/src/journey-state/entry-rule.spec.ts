import { admitOnce, type InsertOutcome, type JourneyEntryStore } from './entry-rule';
import { enteringState, type JourneyState } from './journey-state';

/** A store with the unique-insert semantics of the repository, in memory. */
class InMemoryEntryStore implements JourneyEntryStore {
  readonly states = new Map<string, JourneyState>();

  async insertIfAbsent(state: JourneyState): Promise<InsertOutcome> {
    const existing = this.states.get(state._id);
    if (existing) return { inserted: false, existing };
    this.states.set(state._id, state);
    return { inserted: true };
  }
}

const entry = (triggerEventId: string, enteredAt: string) =>
  enteringState({
    workspaceId: 'ws',
    journeyId: 'welcome',
    profileId: 'p-1',
    triggerEventId,
    enteredAt,
  });

describe('entry rule "once"', () => {
  it('lets a profile enter the first time', async () => {
    const store = new InMemoryEntryStore();
    const admission = await admitOnce(store, entry('evt-1', '2026-11-23T10:00:00.000Z'));
    expect(admission.kind).toBe('entered');
    expect(store.states.get('ws|welcome|p-1')?.triggerEventId).toBe('evt-1');
  });

  it('treats the same trigger event again as a redelivery of the first entry', async () => {
    const store = new InMemoryEntryStore();
    await admitOnce(store, entry('evt-1', '2026-11-23T10:00:00.000Z'));
    const again = await admitOnce(store, entry('evt-1', '2026-11-23T10:05:00.000Z'));
    expect(again.kind).toBe('redelivered');
    // The replay works from the stored entry, so it republishes the same events.
    expect(again.state.enteredAt).toBe('2026-11-23T10:00:00.000Z');
  });

  it('refuses a second entry caused by a different event', async () => {
    const store = new InMemoryEntryStore();
    await admitOnce(store, entry('evt-1', '2026-11-23T10:00:00.000Z'));
    const second = await admitOnce(store, entry('evt-2', '2026-11-23T11:00:00.000Z'));
    expect(second.kind).toBe('already-entered');
    expect(store.states.get('ws|welcome|p-1')?.triggerEventId).toBe('evt-1');
  });

  it('keys states by workspace, journey and profile', () => {
    expect(entry('evt-1', '2026-11-23T10:00:00.000Z')._id).toBe('ws|welcome|p-1');
  });
});
