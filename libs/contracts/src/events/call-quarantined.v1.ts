import { z } from 'zod';
import { defineEvent } from '../envelope';
import { JsonObject } from '../segment/common';

/** Why a call was kept aside: the tracking plan blocked it, or it was refused as invalid. */
export const QuarantineKind = z.enum(['blocked', 'invalid']);
export type QuarantineKind = z.infer<typeof QuarantineKind>;

/** A Segment call type, as the route or batch entry named it. */
export const QuarantinedCallType = z.enum([
  'track',
  'identify',
  'page',
  'screen',
  'group',
  'alias',
]);
export type QuarantinedCallType = z.infer<typeof QuarantinedCallType>;

/** One broken rule: a tracking-plan rule, or the refusal code of a validation problem. */
export const QuarantineViolation = z.object({
  rule: z.string().min(1),
  /** Where in the call, keys as sent (e.g. ['properties', 'price']); empty for the whole call. */
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
export type QuarantineViolation = z.infer<typeof QuarantineViolation>;

/**
 * Ingestion kept a call off the INGEST stream (blocked by the tracking plan, or refused by
 * validation, hygiene or consent) and holds it here for review, exactly as the client sent
 * it. The envelope's workspaceId and receivedAt say whose call and when it arrived.
 */
export const CallQuarantinedV1 = defineEvent(
  'call.quarantined',
  1,
  z.object({
    sourceId: z.string().min(1),
    kind: QuarantineKind,
    /** The refusal code, or TRACKING_PLAN_BLOCKED. */
    code: z.string().min(1),
    violations: z.array(QuarantineViolation),
    /** The call as received; a batch entry that was not an object is kept as { value }. */
    call: JsonObject,
    /**
     * The call's type as its route or batch entry said (a single call's body has none), so
     * it can be replayed; absent when unknown, and in entries written before it was kept.
     */
    callType: QuarantinedCallType.optional(),
  }),
);
export type CallQuarantinedV1 = z.infer<typeof CallQuarantinedV1>;
