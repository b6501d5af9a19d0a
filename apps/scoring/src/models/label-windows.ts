import {
  closeExpired,
  type FeatureVector,
  type LabelledExample,
  openObservation,
  type PendingObservation,
  recordGoalEvent,
} from '@meridian/learning';
import type { ModelProfileDocument } from './model-profile';

/** A profile after a label-window step, and the examples whose windows closed. */
export interface LabelStep {
  readonly profile: ModelProfileDocument;
  readonly released: readonly LabelledExample[];
}

export interface GoalObservation {
  readonly goal: string;
  readonly windowDays: number;
  /** The event's time, ISO-8601. */
  readonly at: string;
  /** Whether the event is this goal's event (it labels the pending window). */
  readonly isGoalEvent: boolean;
  /** The features of the profile at `at`, this event included. */
  readonly features: FeatureVector;
}

/**
 * One resolved event for one goal: the event labels the pending window if it is the goal
 * (placed by when it occurred), then an observation opens with the profile's features unless
 * one is pending (library rules: the older keeps its snapshot). A pending window that had
 * ended before this event is released as an example.
 */
export function observeGoal(profile: ModelProfileDocument, step: GoalObservation): LabelStep {
  const { goal, at } = step;
  const current = profile.pending.find((pending) => pending.goal === goal) ?? null;
  const labelled =
    current !== null && step.isGoalEvent
      ? recordGoalEvent(current, { profileId: profile.profileId, goal, occurredAt: at })
      : current;
  const outcome = openObservation(
    labelled,
    { profileId: profile.profileId, goal, observedAt: at, features: step.features },
    { windowDays: step.windowDays },
  );
  const others = profile.pending.filter((pending) => pending.goal !== goal);
  return {
    profile: withPending(profile, [...others, outcome.pending]),
    released: outcome.closed === null ? [] : [outcome.closed],
  };
}

/** Releases every pending window that closed before `cutoff` (ISO-8601), all goals. */
export function releaseExpired(profile: ModelProfileDocument, cutoff: string): LabelStep {
  const { examples, stillPending } = closeExpired(profile.pending, cutoff);
  if (examples.length === 0) return { profile, released: [] };
  return { profile: withPending(profile, stillPending), released: examples };
}

function withPending(
  profile: ModelProfileDocument,
  pending: readonly PendingObservation[],
): ModelProfileDocument {
  const closes = pending.map((observation) => Date.parse(observation.closesAt));
  return {
    ...profile,
    pending: [...pending],
    nextCloseAt: closes.length === 0 ? null : Math.min(...closes),
  };
}
