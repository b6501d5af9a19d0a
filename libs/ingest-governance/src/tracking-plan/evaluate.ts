import type { ErrorObject } from 'ajv';
import { isPlainObject, type GovernableCall } from '../call';
import type { CallPath } from '../refusal';
import type { CompiledPlan, CompiledSchema } from './compile-tracking-plan';

export const VIOLATION_RULES = ['unplanned_event', 'unplanned_property', 'schema'] as const;
export type ViolationRule = (typeof VIOLATION_RULES)[number];

export interface Violation {
  readonly rule: ViolationRule;
  /** Where in the call, keys as sent (e.g. ['properties', 'items', 0, 'price']). */
  readonly path: CallPath;
  readonly message: string;
}

export interface Evaluation<C> {
  /** block: the call goes to quarantine instead of the stream. */
  readonly action: 'accept' | 'block';
  /** The call, without unplanned properties under 'omit' and 'block'. */
  readonly call: C;
  readonly violations: readonly Violation[];
}

type GovernedBag = 'properties' | 'traits';

/**
 * Checks a call against a compiled plan (see README for the rules per mode). Keys must be
 * as the client sent them, not escaped: call this before escapeCallKeys (governCall does).
 * Track calls are checked against their event's schema, identify calls against
 * identifyTraits when the plan has it; other calls are accepted as they are.
 */
export function evaluate<C extends GovernableCall>(plan: CompiledPlan, call: C): Evaluation<C> {
  if (call.type === 'track') {
    const event = typeof call.event === 'string' ? call.event : '';
    const schema = plan.events.get(event);
    if (schema === undefined) return unplannedEvent(plan, call, event);
    return governBag(plan, call, schema, 'properties');
  }
  if (call.type === 'identify' && plan.identifyTraits !== undefined) {
    return governBag(plan, call, plan.identifyTraits, 'traits');
  }
  return { action: 'accept', call, violations: [] };
}

function unplannedEvent<C>(plan: CompiledPlan, call: C, event: string): Evaluation<C> {
  const blocked = plan.mode === 'block';
  const violation: Violation = {
    rule: 'unplanned_event',
    path: ['event'],
    message: `event ${JSON.stringify(event)} is not in the tracking plan${blocked ? '' : ' (allowed)'}`,
  };
  return { action: blocked ? 'block' : 'accept', call, violations: [violation] };
}

/**
 * Unplanned keys are reported, and dropped unless the mode is 'allow'; what is left is
 * validated, and any schema violation blocks the call in every mode.
 */
function governBag<C extends GovernableCall>(
  plan: CompiledPlan,
  call: C,
  schema: CompiledSchema,
  bag: GovernedBag,
): Evaluation<C> {
  const value: unknown = call[bag] ?? {};
  const omit = plan.mode !== 'allow';
  const unplanned = isPlainObject(value)
    ? Object.keys(value).filter((key) => !schema.isPlanned(key))
    : [];
  const violations: Violation[] = unplanned.map((key) => ({
    rule: 'unplanned_property',
    path: [bag, key],
    message: `${JSON.stringify(key)} is not in the tracking plan${omit ? ' and was omitted' : ' (allowed)'}`,
  }));
  let kept = value;
  let governed = call;
  if (omit && isPlainObject(value) && unplanned.length > 0) {
    const remaining = withoutKeys(value, unplanned);
    kept = remaining;
    governed =
      bag === 'properties' ? { ...call, properties: remaining } : { ...call, traits: remaining };
  }
  if (!schema.validate(kept)) {
    violations.push(
      ...(schema.validate.errors ?? []).map((error) => schemaViolation(error, bag, kept)),
    );
    return { action: 'block', call: governed, violations };
  }
  return { action: 'accept', call: governed, violations };
}

function withoutKeys(
  value: Readonly<Record<string, unknown>>,
  keys: readonly string[],
): Record<string, unknown> {
  const dropped = new Set(keys);
  return Object.fromEntries(Object.entries(value).filter(([key]) => !dropped.has(key)));
}

function schemaViolation(error: ErrorObject, bag: GovernedBag, data: unknown): Violation {
  const path: (string | number)[] = [bag, ...pointerSegments(error.instancePath, data)];
  const missing: unknown = error.params['missingProperty'];
  const additional: unknown = error.params['additionalProperty'];
  if (error.keyword === 'required' && typeof missing === 'string') path.push(missing);
  if (error.keyword === 'additionalProperties' && typeof additional === 'string')
    path.push(additional);
  return { rule: 'schema', path, message: error.message ?? `fails ${error.keyword}` };
}

/** A JSON pointer ('/items/0/price') as path segments; array indexes become numbers. */
function pointerSegments(pointer: string, data: unknown): (string | number)[] {
  if (pointer === '') return [];
  const segments: (string | number)[] = [];
  let current: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    const segment = Array.isArray(current) && /^\d+$/.test(key) ? Number(key) : key;
    segments.push(segment);
    current =
      isPlainObject(current) || Array.isArray(current) ? Reflect.get(current, segment) : undefined;
  }
  return segments;
}
