import { defineCollection } from '@meridian/persistence';
import { z } from 'zod';

/**
 * `quarantine_resolutions`: how a quarantined call was closed (replayed or discarded). The
 * _id is `${workspaceId}|${eventId}` (the CallQuarantinedV1 id, shared by a client's retries
 * of one call), so a call is resolved once: a second replay or discard hits the unique _id,
 * and no status is kept on the stream itself. Insert-only; the _id index serves every read.
 */
export const quarantineResolutionsCollection = defineCollection({
  name: 'quarantine_resolutions',
  indexes: [],
});

export const QuarantineResolution = z.object({
  _id: z.string().min(1),
  workspaceId: z.string().min(1),
  /** The CallQuarantinedV1 envelope id. */
  eventId: z.string().min(1),
  /** The entry (stream sequence) it was resolved through. */
  entryId: z.string().min(1),
  status: z.enum(['replayed', 'discarded']),
  at: z.date(),
  actorKeyId: z.string().min(1),
  actorRole: z.string().min(1),
  /** Replayed: the messageId and CallAcceptedV1 id the call was published with. */
  messageId: z.string().optional(),
  callEventId: z.string().optional(),
  /** Replayed: whether a fixed call replaced the one as sent. */
  fixed: z.boolean().optional(),
  /** Discarded: why. */
  reason: z.string().optional(),
});
export type QuarantineResolution = z.infer<typeof QuarantineResolution>;

export function quarantineResolutionId(workspaceId: string, eventId: string): string {
  return `${workspaceId}|${eventId}`;
}
