import { z } from 'zod';

const trait = z.string().max(512).optional();

/**
 * The PII an identify call may carry, under Segment's reserved trait names. Every field is
 * optional: matching works on whatever the event has and treats the rest as missing.
 */
export const PersonRecord = z.object({
  firstName: trait,
  lastName: trait,
  /** ISO-8601 date (or date-time); anything else is treated as missing. */
  birthday: trait,
  phone: trait,
  email: trait,
  address: z
    .object({
      street: trait,
      city: trait,
      postalCode: trait,
      state: trait,
      country: trait,
    })
    .optional(),
});
export type PersonRecord = z.infer<typeof PersonRecord>;

/** A record after normalisation: one comparable string per field, null where missing. */
export interface NormalisedPerson {
  readonly firstName: string | null;
  readonly lastName: string | null;
  /** YYYY-MM-DD */
  readonly birthday: string | null;
  /** Digits only. */
  readonly phone: string | null;
  readonly email: string | null;
  readonly street: string | null;
  readonly city: string | null;
  /** Uppercase, no spaces or punctuation. */
  readonly postalCode: string | null;
  readonly state: string | null;
  readonly country: string | null;
}
