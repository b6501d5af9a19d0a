import type { GovernableCall } from '../call';
import type { ConsentRecord, MissingConsentPolicy } from '../consent/consent-record';
import { normaliseConsent } from '../consent/normalise-consent';
import { cleanCall, type PhoneRegion } from '../hygiene/clean-call';
import { escapeCallKeys } from '../hygiene/escape-keys';
import type { Refusal } from '../refusal';
import type { CompiledPlan } from '../tracking-plan/compile-tracking-plan';
import { evaluate, type Evaluation, type Violation } from '../tracking-plan/evaluate';

/** A workspace's governance settings, as the ingestion pipeline holds them. */
export interface GovernanceSettings {
  readonly missingConsentPolicy: MissingConsentPolicy;
  /** Without a plan every call that passes hygiene and consent is accepted. */
  readonly trackingPlan?: CompiledPlan | null;
  /** Where national phone numbers are read when context.locale names no country. */
  readonly defaultPhoneRegion?: PhoneRegion;
}

export type GovernanceOutcome<C> =
  /** Publish `call` (keys escaped, unplanned properties omitted where the plan says so). */
  | {
      readonly outcome: 'accepted';
      readonly call: C;
      readonly consent: ConsentRecord | null;
      /** Informational: unplanned events/properties that were allowed or omitted. */
      readonly violations: readonly Violation[];
    }
  /** Tell the client why; nothing is kept. */
  | { readonly outcome: 'refused'; readonly refusal: Refusal }
  /** Keep `call` aside for review: it broke the tracking plan. */
  | {
      readonly outcome: 'quarantined';
      readonly call: C;
      readonly consent: ConsentRecord | null;
      readonly violations: readonly Violation[];
    };

/**
 * Governs one call: hygiene (refuse what cannot be stored, normalise the rest), then consent
 * (refuse what the workspace's consent policy does not allow), then the tracking plan (block
 * into quarantine, or accept with unplanned properties omitted). Consent and the tracking
 * plan see keys as the client sent them; keys are escaped last, so the returned call is
 * ready to store. Pure and synchronous; the input is not modified.
 */
export function governCall<C extends GovernableCall>(
  call: C,
  settings: GovernanceSettings,
): GovernanceOutcome<C> {
  const cleaned = cleanCall(call, {
    defaultPhoneRegion: settings.defaultPhoneRegion,
    escapeKeys: false,
  });
  if (!cleaned.ok) return { outcome: 'refused', refusal: cleaned.refusal };
  const consent = normaliseConsent(cleaned.call.context, settings.missingConsentPolicy);
  if (!consent.ok) return { outcome: 'refused', refusal: consent.refusal };
  const plan = settings.trackingPlan;
  const evaluation: Evaluation<C> =
    plan === undefined || plan === null
      ? { action: 'accept', call: cleaned.call, violations: [] }
      : evaluate(plan, cleaned.call);
  const governed = {
    call: escapeCallKeys(evaluation.call),
    consent: consent.consent,
    violations: evaluation.violations,
  };
  return evaluation.action === 'accept'
    ? { outcome: 'accepted', ...governed }
    : { outcome: 'quarantined', ...governed };
}
