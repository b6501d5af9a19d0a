import {
  ProfileScoresUpdatedV2,
  ScoreUpdatedV1,
  subjects,
  type EnvelopeHeader,
  type ProfileScore,
} from '@meridian/contracts';
import type { OutgoingMessage } from '@meridian/messaging';
import { causeOfEvent, derivedHeader } from '../rfm';
import type { ModelProfileDocument } from './model-profile';

/**
 * The scores that moved by more than `epsilon` since they were last published, or were never
 * published. Propensities wobble a little with every event; publishing each wobble would send
 * two messages per event for nothing.
 */
export function movedScores(
  published: ModelProfileDocument['published'],
  scores: readonly ProfileScore[],
  epsilon: number,
): ProfileScore[] {
  return scores.filter((score) => {
    const last = published.find((entry) => entry.name === score.name);
    return last === undefined || Math.abs(last.value - score.value) > epsilon;
  });
}

/** The published scores with `scores` replacing those of the same name. */
export function withPublished(
  published: ModelProfileDocument['published'],
  scores: readonly ProfileScore[],
): ModelProfileDocument['published'] {
  const names = new Set(scores.map((score) => score.name));
  return [...published.filter((entry) => !names.has(entry.name)), ...scores];
}

export interface ScoresChange {
  /** The event that caused the change; every id derives from its id. */
  readonly cause: Pick<
    EnvelopeHeader,
    'id' | 'workspaceId' | 'occurredAt' | 'receivedAt' | 'correlationId'
  >;
  readonly profileId: string;
  readonly partition: number;
  /** When the scores were computed, epoch ms. */
  readonly scoredAt: number;
  readonly scores: readonly ProfileScore[];
}

/**
 * What a change of model scores publishes: `profile.scores.updated` v2 on the profile's
 * `ingest.<partition>` for identity, the golden record's single writer (rfm null: RFM is not
 * the models' to change), and `score.updated` for the services that decide on scores. Ids are
 * derived from the cause, so a redelivered event republishes the same ids, which the streams
 * drop. Nothing when no score changed.
 */
export function scoreMessages(change: ScoresChange): OutgoingMessage[] {
  if (change.scores.length === 0) return [];
  const { cause, profileId, partition } = change;
  const scoredAt = new Date(change.scoredAt).toISOString();
  const causedBy = causeOfEvent(cause);
  const header = (suffix: string) => derivedHeader(causedBy, suffix);
  const scores = [...change.scores];
  const command = ProfileScoresUpdatedV2.parse({
    ...header('model-scores'),
    type: 'profile.scores.updated',
    version: 2,
    payload: { profileId, partition, scoredAt, scores, rfm: null },
  });
  const updated = ScoreUpdatedV1.parse({
    ...header('model-score-updated'),
    type: 'score.updated',
    version: 1,
    payload: { profileId, partition, scoredAt, scores, rfm: null },
  });
  return [
    { subject: subjects.ingest(partition), event: command },
    { subject: subjects.scoreUpdated(partition), event: updated },
  ];
}
