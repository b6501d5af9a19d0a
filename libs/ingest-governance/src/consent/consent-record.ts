import { z } from 'zod';

/** One consent category and whether the user granted it. */
export const ConsentCategory = z.object({
  category: z.string().min(1),
  granted: z.boolean(),
});
export type ConsentCategory = z.infer<typeof ConsentCategory>;

/**
 * A call's consent, whatever format the client sent it in. Categories are a list rather
 * than a map keyed by category because category names may contain dots, which a stored
 * document cannot use as keys.
 */
export const ConsentRecord = z.object({
  /** segment: context.consent; rudderstack: context.consentManagement; default: neither. */
  source: z.enum(['segment', 'rudderstack', 'default']),
  categories: z.array(ConsentCategory),
  /** The consent management platform, as RudderStack names it ('oneTrust', 'ketch', …). */
  provider: z.string().min(1).optional(),
  /** RudderStack: whether a destination needs all ('and') or any ('or') of its categories. */
  resolutionStrategy: z.enum(['and', 'or']).optional(),
});
export type ConsentRecord = z.infer<typeof ConsentRecord>;

/** What to do with a call that carries no consent object at all; a workspace setting. */
export const MissingConsentPolicy = z.enum(['accept', 'accept-unconsented', 'refuse']);
export type MissingConsentPolicy = z.infer<typeof MissingConsentPolicy>;
