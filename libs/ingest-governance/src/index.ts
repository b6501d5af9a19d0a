// Ingestion governance: pure rules the ingestion pipeline applies to every Segment call
// before publishing it. No Nest, no I/O. See README.md for the semantics.
export {
  CALL_BAGS,
  isPlainObject,
  type CallBag,
  type GovernableCall,
  type JsonObject,
  type JsonValue,
} from './call';
export {
  CONSENT_REFUSAL_CODES,
  HYGIENE_REFUSAL_CODES,
  REFUSAL_CODES,
  isRefusalCode,
  type CallPath,
  type ConsentRefusalCode,
  type HygieneRefusalCode,
  type Refusal,
  type RefusalCode,
} from './refusal';
export {
  cleanCall,
  isPhoneRegion,
  type CleanResult,
  type HygieneOptions,
  type PhoneRegion,
} from './hygiene/clean-call';
export {
  escapeCallKeys,
  escapeKey,
  escapeKeys,
  isStorableKey,
  unescapeCallKeys,
  unescapeKey,
  unescapeKeys,
} from './hygiene/escape-keys';
export { MAX_NESTING_DEPTH } from './hygiene/storable-json';
export { CLIENT_TIMESTAMP_FIELDS, type ClientTimestampField } from './hygiene/timestamps';
export { ConsentCategory, ConsentRecord, MissingConsentPolicy } from './consent/consent-record';
export { normaliseConsent, type ConsentResult } from './consent/normalise-consent';
export { ObjectJsonSchema, TrackingPlan, TrackingPlanMode } from './tracking-plan/tracking-plan';
export {
  TrackingPlanError,
  compileTrackingPlan,
  type CompiledPlan,
  type CompiledSchema,
  type TrackingPlanIssue,
} from './tracking-plan/compile-tracking-plan';
export {
  VIOLATION_RULES,
  evaluate,
  type Evaluation,
  type Violation,
  type ViolationRule,
} from './tracking-plan/evaluate';
export { governCall, type GovernanceOutcome, type GovernanceSettings } from './govern/govern-call';
