import {
  applyEngagement,
  applyOrderCompleted,
  applyOrderRefunded,
  CustomerFacts,
  emptyCustomerFacts,
  EpochMs,
  GoldenRecordRfm,
  type RfmSettings,
} from '@meridian/rfm';
import { z } from 'zod';
import type { EngagementInput } from './engagement-events';
import type { OrderReading } from './order-events';
import type { RfmEvaluation } from './rfm-evaluation';

/**
 * How many applied event ids a profile remembers. A partition is consumed in order and
 * JetStream redelivers within the consumer's ack wait and max deliveries, so a redelivered
 * event is always among the latest few hundred applied to its profile.
 */
export const RFM_APPLIED_EVENT_IDS_LIMIT = 200;

/**
 * How many first opens and first clicks (`<kind>:<messageId>`) a profile remembers, so a
 * message opened twice counts once. A message opened again after this many later engagements
 * counts again: rates are about the current window, where that does not happen.
 */
export const ENGAGED_MESSAGES_LIMIT = 300;

/**
 * One profile's RFM state (`rfm_profiles`, `_id` = `workspace|profile`): the facts RFM is
 * computed from, what was last written to the golden record, and the idempotency windows.
 * Written only by the owner of its partition, one write at a time (RfmPartitionLock), each save
 * guarded by `revision`.
 */
export const RfmProfileDocument = z.object({
  _id: z.string().min(1),
  workspaceId: z.string().min(1),
  profileId: z.string().min(1),
  partition: z.number().int().min(0),
  facts: CustomerFacts,
  /** `scores.rfm` as last published to the golden record; null before the first. */
  record: GoldenRecordRfm.nullable(),
  /** The segments the profile was last published in (classic first, then trend). */
  segments: z.array(z.string()),
  /** The workspace clock `record` was computed at: no later evaluation goes back before it. */
  evaluatedAt: EpochMs.nullable(),
  /** Recent `<kind>:<messageId>` counted (delivered, first open, first click), newest last. */
  engagedMessages: z.array(z.string()),
  /** Ids of the latest applied events, newest last. */
  appliedEventIds: z.array(z.string()),
  /** 1 after the first save; each save requires the value it read, and increments it. */
  revision: z.number().int().min(0),
});
export type RfmProfileDocument = z.infer<typeof RfmProfileDocument>;

export interface ProfileRef {
  readonly workspaceId: string;
  readonly profileId: string;
  readonly partition: number;
}

export function rfmProfileId(workspaceId: string, profileId: string): string {
  return `${workspaceId}|${profileId}`;
}

/** A profile not stored yet: revision 0, so its first save inserts it. */
export function newRfmProfile(ref: ProfileRef): RfmProfileDocument {
  return {
    _id: rfmProfileId(ref.workspaceId, ref.profileId),
    workspaceId: ref.workspaceId,
    profileId: ref.profileId,
    partition: ref.partition,
    facts: emptyCustomerFacts(),
    record: null,
    segments: [],
    evaluatedAt: null,
    engagedMessages: [],
    appliedEventIds: [],
    revision: 0,
  };
}

/** What an event changes on a profile before it is evaluated. */
export interface ProfileFactsChange {
  readonly facts: CustomerFacts;
  readonly engagedMessages: string[];
}

/**
 * The facts after an order, or null when it changes nothing (a completion of an orderId
 * already counted).
 */
export function withOrder(
  profile: RfmProfileDocument,
  reading: Extract<OrderReading, { kind: 'completed' | 'refunded' }>,
  settings: RfmSettings,
): ProfileFactsChange | null {
  const facts =
    reading.kind === 'completed'
      ? applyOrderCompleted(profile.facts, reading.order, settings)
      : applyOrderRefunded(profile.facts, reading.order, settings);
  return facts === profile.facts ? null : { facts, engagedMessages: profile.engagedMessages };
}

/**
 * The facts after an engagement, or null when the message's delivery, open or click was
 * counted already.
 */
export function withEngagement(
  profile: RfmProfileDocument,
  engagement: EngagementInput,
  settings: RfmSettings,
): ProfileFactsChange | null {
  if (profile.engagedMessages.includes(engagement.messageKey)) return null;
  return {
    facts: applyEngagement(profile.facts, engagement, settings),
    engagedMessages: [...profile.engagedMessages, engagement.messageKey].slice(
      -ENGAGED_MESSAGES_LIMIT,
    ),
  };
}

/** The profile after an applied event and its evaluation at `asOf`. */
export function afterEvent(
  profile: RfmProfileDocument,
  change: ProfileFactsChange,
  evaluation: RfmEvaluation,
  eventId: string,
  asOf: number,
): RfmProfileDocument {
  return {
    ...profile,
    facts: change.facts,
    engagedMessages: change.engagedMessages,
    record: evaluation.rfm,
    segments: evaluation.segments,
    evaluatedAt: asOf,
    appliedEventIds: [...profile.appliedEventIds, eventId].slice(-RFM_APPLIED_EVENT_IDS_LIMIT),
    revision: profile.revision + 1,
  };
}

/** The profile after a sweep re-evaluated it at `asOf` (its facts unchanged). */
export function afterSweep(
  profile: RfmProfileDocument,
  evaluation: RfmEvaluation,
  asOf: number,
): RfmProfileDocument {
  return {
    ...profile,
    record: evaluation.rfm,
    segments: evaluation.segments,
    evaluatedAt: asOf,
    revision: profile.revision + 1,
  };
}

/** The instant to evaluate at: the clock, but never before the profile's last evaluation. */
export function evaluationInstant(profile: RfmProfileDocument, clock: number): number {
  return profile.evaluatedAt === null ? clock : Math.max(clock, profile.evaluatedAt);
}
