import { z } from 'zod';
import { IsoDateTime } from '../envelope';

/** Free-form JSON object as Segment sends it (properties, traits, context, integrations). */
export const JsonObject = z.record(z.string(), z.unknown());
export type JsonObject = z.infer<typeof JsonObject>;

/** Fields every Segment call shares, after ingestion has normalised it. */
export const SegmentCallBase = z.object({
  messageId: z.string().min(1).max(100),
  userId: z.string().min(1).nullish(),
  anonymousId: z.string().min(1).nullish(),
  context: JsonObject.default({}),
  integrations: JsonObject.default({}),
  /** Corrected event time: receivedAt − (sentAt − originalTimestamp). */
  timestamp: IsoDateTime,
  originalTimestamp: IsoDateTime.nullish(),
  sentAt: IsoDateTime.nullish(),
  receivedAt: IsoDateTime,
});

/** Segment requires a userId or an anonymousId on every call. */
export function requireIdentity(
  call: { userId?: string | null | undefined; anonymousId?: string | null | undefined },
  ctx: z.RefinementCtx,
): void {
  if (!call.userId && !call.anonymousId) {
    ctx.addIssue({
      code: 'custom',
      message: 'userId or anonymousId is required',
      path: ['userId'],
    });
  }
}
