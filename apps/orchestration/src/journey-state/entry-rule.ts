import type { EntryRule } from '../journeys';
import type { JourneyState } from './journey-state';

export type InsertOutcome = { inserted: true } | { inserted: false; existing: JourneyState };

/** The one operation the entry rule needs: an atomic insert that reports the earlier winner. */
export interface JourneyEntryStore {
  insertIfAbsent(state: JourneyState): Promise<InsertOutcome>;
}

/**
 * What the entry rule decided for one trigger:
 * - entered: the profile enters now; run the steps.
 * - redelivered: this very trigger event entered the profile before (a redelivery after a
 *   crash or lost ack); run the steps again so every output is republished with the same ids.
 * - already-entered: another event entered the profile earlier; "once" means nothing happens.
 */
export type Admission =
  | { kind: 'entered'; state: JourneyState }
  | { kind: 'redelivered'; state: JourneyState }
  | { kind: 'already-entered'; state: JourneyState };

/** Entry rule "once": a profile enters a journey at most once; the unique insert decides. */
export async function admitOnce(
  store: JourneyEntryStore,
  candidate: JourneyState,
): Promise<Admission> {
  const outcome = await store.insertIfAbsent(candidate);
  if (outcome.inserted) return { kind: 'entered', state: candidate };
  const { existing } = outcome;
  return existing.triggerEventId === candidate.triggerEventId
    ? { kind: 'redelivered', state: existing }
    : { kind: 'already-entered', state: existing };
}

/** Applies a journey's entry rule to a profile about to enter it. */
export async function admit(
  rule: EntryRule,
  store: JourneyEntryStore,
  candidate: JourneyState,
): Promise<Admission> {
  switch (rule) {
    case 'once':
      return admitOnce(store, candidate);
  }
}
