import { z } from 'zod';

/** An instant as ISO-8601 with an offset ("Z" or "+02:00"). */
export const IsoDateTime = z.iso.datetime({ offset: true });
export type IsoDateTime = z.infer<typeof IsoDateTime>;

/** Partition of the profile an event belongs to; see docs/architecture.md. */
export const Partition = z.number().int().min(0).max(1023);
export type Partition = z.infer<typeof Partition>;

/**
 * The header every event and command on the bus carries. `id` doubles as the JetStream
 * Nats-Msg-Id, so a republished event is dropped by the stream's duplicate window.
 */
export const EnvelopeHeader = z.object({
  id: z.string().min(1).max(128),
  type: z.string().min(1),
  version: z.number().int().min(1),
  workspaceId: z.string().min(1).max(64),
  /** When the fact happened in the world (event time). */
  occurredAt: IsoDateTime,
  /** When Meridian first received the fact that led to this event. */
  receivedAt: IsoDateTime,
  /** The id of the first event of the causal chain; shared by every hop. */
  correlationId: z.string().min(1).max(128),
  /** The id of the event that directly caused this one; null for the first. */
  causationId: z.string().min(1).max(128).nullable(),
});
export type EnvelopeHeader = z.infer<typeof EnvelopeHeader>;

/**
 * Declares one versioned event: its envelope with a literal type and version and its
 * payload. A breaking change is a new version in a new file, never an edit in place.
 */
export function defineEvent<Type extends string, Version extends number, Payload extends z.ZodType>(
  type: Type,
  version: Version,
  payload: Payload,
) {
  return EnvelopeHeader.extend({
    type: z.literal(type),
    version: z.literal(version),
    payload,
  });
}
