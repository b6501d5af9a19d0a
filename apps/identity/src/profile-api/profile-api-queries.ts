import { z } from 'zod';
import { EXTERNAL_IDENTIFIER_TYPE, IDENTIFIER_TYPES, PROFILE_LIMITS } from '../profiles';
import { ProfileApiError } from './profile-api-error';
import { TraitName } from './trait-search';

/** Page sizes: the default, and the most one page may hold (the bounded lists' own sizes). */
export const PAGE_SIZES = {
  search: { default: 20, max: 100 },
  timeline: { default: 20, max: PROFILE_LIMITS.timeline },
  messages: { default: 20, max: PROFILE_LIMITS.messages },
} as const;

export const ProfileId = z
  .string({ error: 'the profile id is required' })
  .min(1, 'the profile id is required')
  .max(128, 'a profile id is at most 128 characters');

const IdentifierValue = z
  .string({ error: 'value is required (one value)' })
  .min(1, 'value is required')
  .max(512, 'value is at most 512 characters');

const IdentifierType = z
  .string({ error: 'type is required (one type)' })
  .refine(
    (type) =>
      IDENTIFIER_TYPES.some((known) => known === type) || EXTERNAL_IDENTIFIER_TYPE.test(type),
    `type must be one of ${IDENTIFIER_TYPES.join(', ')} or external:<type>`,
  );

export const LookupQuery = z.object({ type: IdentifierType, value: IdentifierValue });
export type LookupQuery = z.infer<typeof LookupQuery>;

const Cursor = z
  .string({ error: 'cursor must be one value' })
  .min(1, 'cursor must not be empty')
  .max(1024, 'cursor is not one this API gave out');

function pageLimit(max: number) {
  return z.coerce
    .number({ error: 'limit must be a whole number' })
    .int('limit must be a whole number')
    .min(1, `limit must be between 1 and ${max}`)
    .max(max, `limit must be between 1 and ${max}`);
}

export const SearchQuery = z.object({
  trait: z.string({ error: 'trait is required (one name)' }).pipe(TraitName),
  value: IdentifierValue,
  limit: pageLimit(PAGE_SIZES.search.max).default(PAGE_SIZES.search.default),
  cursor: Cursor.optional(),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

function pageQuery(sizes: { readonly default: number; readonly max: number }) {
  return z.object({
    limit: pageLimit(sizes.max).default(sizes.default),
    cursor: Cursor.optional(),
  });
}

export const TimelineQuery = pageQuery(PAGE_SIZES.timeline);
export type TimelineQuery = z.infer<typeof TimelineQuery>;

export const MessagesQuery = pageQuery(PAGE_SIZES.messages);
export type MessagesQuery = z.infer<typeof MessagesQuery>;

/** `input` as `schema` reads it, or a 400 naming every problem. */
export function parseQuery<Output>(schema: z.ZodType<Output>, input: unknown): Output {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw ProfileApiError.invalid(parsed.error.issues.map((issue) => issue.message).join('; '));
}
