import { z } from 'zod';
import { JsonObject } from '../segment/common';

/** One identifier of a profile: its type (userId, anonymousId, email, …) and value. */
export const Identifier = z.object({
  type: z.string().min(1).max(64),
  value: z.string().min(1).max(512),
});
export type Identifier = z.infer<typeof Identifier>;

/**
 * The part of the golden record that travels with resolved events, so downstream services
 * decide on the profile as it was right after this event without a lookup round-trip.
 */
export const ProfileSnapshot = z.object({
  traits: JsonObject,
  identifiers: z.array(Identifier),
  revision: z.number().int().min(0),
});
export type ProfileSnapshot = z.infer<typeof ProfileSnapshot>;
