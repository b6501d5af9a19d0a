import {
  derivedEventId,
  ProfileScoresUpdatedV2,
  ScoreUpdatedV1,
  SegmentEnteredV1,
  SegmentExitedV1,
  subjects,
  type EnvelopeHeader,
} from '@meridian/contracts';
import type { OutgoingMessage } from '@meridian/messaging';
import { hasChanges, segmentKindOf, type RfmEvaluation } from './rfm-evaluation';

/** What caused an RFM change: an incoming event, or one profile's step of a sweep. */
export interface RfmCause {
  /** The base of every derived id: the same cause always gives the same ids. */
  readonly id: string;
  readonly workspaceId: string;
  readonly occurredAt: string;
  readonly receivedAt: string;
  readonly correlationId: string;
  readonly causationId: string | null;
}

export interface RfmChange {
  readonly cause: RfmCause;
  readonly profileId: string;
  readonly partition: number;
  /** The workspace clock the profile was evaluated at, epoch ms. */
  readonly asOf: number;
  readonly reason: 'event' | 'sweep';
  readonly evaluation: RfmEvaluation;
}

/** Envelope fields (all but type, version and payload) of the message `suffix` of a cause. */
export function derivedHeader(cause: RfmCause, suffix: string) {
  return {
    id: derivedEventId(cause.id, suffix),
    workspaceId: cause.workspaceId,
    occurredAt: cause.occurredAt,
    receivedAt: cause.receivedAt,
    correlationId: cause.correlationId,
    causationId: cause.causationId,
  };
}

/** The cause of a change made by an incoming event (an envelope). */
export function causeOfEvent(
  event: Pick<EnvelopeHeader, 'id' | 'workspaceId' | 'occurredAt' | 'receivedAt' | 'correlationId'>,
): RfmCause {
  return {
    id: event.id,
    workspaceId: event.workspaceId,
    occurredAt: event.occurredAt,
    receivedAt: event.receivedAt,
    correlationId: event.correlationId,
    causationId: event.id,
  };
}

/**
 * The cause of a sweep's re-evaluation of one profile: everything derives from the sweep and the
 * profile, so a resumed page republishes the same envelopes, which the streams' duplicate
 * windows drop.
 */
export function sweepCause(
  sweep: { readonly id: string; readonly asOf: number; readonly startedAt: number },
  workspaceId: string,
  profileId: string,
): RfmCause {
  return {
    id: `${sweep.id}|${profileId}`,
    workspaceId,
    occurredAt: new Date(sweep.asOf).toISOString(),
    receivedAt: new Date(sweep.startedAt).toISOString(),
    correlationId: sweep.id,
    causationId: null,
  };
}

/** `Can't Lose` → `can-t-lose`: a segment as a part of an event id. */
export function segmentSlug(segment: string): string {
  return segment
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * What a change publishes, each id derived from the cause: `profile.scores.updated` v2 for
 * identity (the golden record's single writer) on `ingest.<partition>`, `score.updated` when the
 * RFM changed, and one `segment.entered` / `segment.exited` per segment. Nothing when nothing
 * changed.
 */
export function rfmChangeMessages(change: RfmChange): OutgoingMessage[] {
  const { cause, profileId, partition, evaluation } = change;
  const scoredAt = new Date(change.asOf).toISOString();
  const header = (suffix: string) => derivedHeader(cause, suffix);
  const messages: OutgoingMessage[] = [];
  if (hasChanges(evaluation)) {
    const command = ProfileScoresUpdatedV2.parse({
      ...header('rfm-scores'),
      type: 'profile.scores.updated',
      version: 2,
      payload: {
        profileId,
        partition,
        scoredAt,
        scores: [],
        segments: { entered: evaluation.entered, exited: evaluation.exited },
        rfm: evaluation.rfm,
      },
    });
    messages.push({ subject: subjects.ingest(partition), event: command });
  }
  if (evaluation.rfmChanged) {
    const updated = ScoreUpdatedV1.parse({
      ...header('score-updated'),
      type: 'score.updated',
      version: 1,
      payload: { profileId, partition, scoredAt, scores: [], rfm: evaluation.rfm },
    });
    messages.push({ subject: subjects.scoreUpdated(partition), event: updated });
  }
  const segmentPayload = (segment: string) => ({
    profileId,
    partition,
    segment,
    kind: segmentKindOf(segment),
    asOf: scoredAt,
    reason: change.reason,
  });
  for (const segment of evaluation.exited) {
    const exited = SegmentExitedV1.parse({
      ...header(`exited:${segmentSlug(segment)}`),
      type: 'segment.exited',
      version: 1,
      payload: segmentPayload(segment),
    });
    messages.push({ subject: subjects.segmentExited(partition), event: exited });
  }
  for (const segment of evaluation.entered) {
    const entered = SegmentEnteredV1.parse({
      ...header(`entered:${segmentSlug(segment)}`),
      type: 'segment.entered',
      version: 1,
      payload: segmentPayload(segment),
    });
    messages.push({ subject: subjects.segmentEntered(partition), event: entered });
  }
  return messages;
}
