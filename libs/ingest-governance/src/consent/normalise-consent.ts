import { z } from 'zod';
import { isPlainObject } from '../call';
import type { ConsentRefusalCode, Refusal } from '../refusal';
import type { ConsentCategory, ConsentRecord, MissingConsentPolicy } from './consent-record';

export type ConsentResult =
  | { readonly ok: true; readonly consent: ConsentRecord | null }
  | { readonly ok: false; readonly refusal: Refusal<ConsentRefusalCode> };

/** Segment Consent Management: context.consent.categoryPreferences. */
const SegmentConsent = z.object({
  categoryPreferences: z.record(
    z.string().min(1, 'category names may not be empty'),
    z.boolean({ error: 'a category preference must be true or false' }),
  ),
});

/** RudderStack: context.consentManagement; both id lists may be left out. */
const RudderStackConsent = z.object({
  provider: z.string().optional(),
  allowedConsentIds: z.array(z.string().min(1, 'consent ids may not be empty')).default([]),
  deniedConsentIds: z.array(z.string().min(1, 'consent ids may not be empty')).default([]),
  resolutionStrategy: z
    .string()
    .transform((strategy) => strategy.toLowerCase())
    .pipe(z.enum(['and', 'or'], { error: "resolutionStrategy must be 'and' or 'or'" }))
    .optional(),
});

const UNCONSENTED: ConsentRecord = { source: 'default', categories: [] };

/**
 * The call's consent as one ConsentRecord. Segment's context.consent is read first, then
 * RudderStack's context.consentManagement (a call carrying both is read as Segment's). A
 * consent object that is present but malformed is refused with INVALID_CONSENT rather than
 * ignored: dropping a user's denial silently would be worse than refusing the call. Without
 * any consent object `policy` decides: 'accept' → null, 'accept-unconsented' → a 'default'
 * record that grants nothing, 'refuse' → CONSENT_REQUIRED. null counts as absent.
 */
export function normaliseConsent(context: unknown, policy: MissingConsentPolicy): ConsentResult {
  const segment = isPlainObject(context) ? context['consent'] : undefined;
  if (segment !== undefined && segment !== null) return fromSegment(segment);
  const rudderstack = isPlainObject(context) ? context['consentManagement'] : undefined;
  if (rudderstack !== undefined && rudderstack !== null) return fromRudderStack(rudderstack);
  switch (policy) {
    case 'accept':
      return { ok: true, consent: null };
    case 'accept-unconsented':
      return { ok: true, consent: UNCONSENTED };
    case 'refuse':
      return refused('CONSENT_REQUIRED', 'this workspace requires consent on every call', [
        'context',
        'consent',
      ]);
  }
}

function fromSegment(input: unknown): ConsentResult {
  const parsed = SegmentConsent.safeParse(input);
  if (!parsed.success) return invalid(parsed.error, 'consent');
  const categories = Object.entries(parsed.data.categoryPreferences).map(
    ([category, granted]): ConsentCategory => ({ category, granted }),
  );
  return { ok: true, consent: { source: 'segment', categories } };
}

function fromRudderStack(input: unknown): ConsentResult {
  const parsed = RudderStackConsent.safeParse(input);
  if (!parsed.success) return invalid(parsed.error, 'consentManagement');
  const { provider, allowedConsentIds, deniedConsentIds, resolutionStrategy } = parsed.data;
  const consent: ConsentRecord = {
    source: 'rudderstack',
    categories: rudderStackCategories(allowedConsentIds, deniedConsentIds),
  };
  if (provider !== undefined && provider !== '') consent.provider = provider;
  if (resolutionStrategy !== undefined) consent.resolutionStrategy = resolutionStrategy;
  return { ok: true, consent };
}

/** Each id once, in the order sent; an id both allowed and denied counts as denied. */
function rudderStackCategories(
  allowed: readonly string[],
  denied: readonly string[],
): ConsentCategory[] {
  const deniedIds = new Set(denied);
  const grantedById = new Map<string, boolean>();
  for (const id of [...allowed, ...denied]) grantedById.set(id, !deniedIds.has(id));
  return [...grantedById].map(([category, granted]) => ({ category, granted }));
}

function invalid(error: z.ZodError, field: 'consent' | 'consentManagement'): ConsentResult {
  const issue = error.issues[0];
  const path = ['context', field, ...(issue?.path ?? []).filter(isPathSegment)];
  const detail = issue === undefined ? 'is malformed' : issue.message;
  return refused('INVALID_CONSENT', `context.${field} is not understood: ${detail}`, path);
}

function isPathSegment(segment: PropertyKey): segment is string | number {
  return typeof segment !== 'symbol';
}

function refused(
  code: ConsentRefusalCode,
  message: string,
  path: readonly (string | number)[],
): ConsentResult {
  return { ok: false, refusal: { code, message, path } };
}
