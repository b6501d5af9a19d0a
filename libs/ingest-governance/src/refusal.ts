/**
 * Why governance refuses a call. Each reason has its own code so the ingestion API can tell
 * a client exactly what to fix; the list is exported so callers can map or count codes.
 */
export const HYGIENE_REFUSAL_CODES = [
  'INVALID_PHONE',
  'INVALID_TIMESTAMP',
  'NON_FINITE_NUMBER',
  'NUL_CHARACTER',
  'TOO_DEEP',
  'NESTED_ARRAY',
  'UNSUPPORTED_VALUE',
] as const;
export type HygieneRefusalCode = (typeof HYGIENE_REFUSAL_CODES)[number];

export const CONSENT_REFUSAL_CODES = ['CONSENT_REQUIRED', 'INVALID_CONSENT'] as const;
export type ConsentRefusalCode = (typeof CONSENT_REFUSAL_CODES)[number];

export const REFUSAL_CODES = [...HYGIENE_REFUSAL_CODES, ...CONSENT_REFUSAL_CODES] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/**
 * Where in the call a problem is: object keys as sent (never escaped) and array indexes.
 * An array rather than a dotted string because keys may themselves contain dots.
 */
export type CallPath = readonly (string | number)[];

export interface Refusal<Code extends RefusalCode = RefusalCode> {
  readonly code: Code;
  readonly message: string;
  readonly path: CallPath;
}

export function isRefusalCode(value: unknown): value is RefusalCode {
  return REFUSAL_CODES.some((code) => code === value);
}
