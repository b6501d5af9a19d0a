import { isDeepStrictEqual } from 'node:util';
import type { JsonObject } from '@meridian/contracts';
import { z } from 'zod';

/** Where a trait's current value came from: kept per trait, so a merge can decide by it. */
export const TraitLineage = z.object({
  trait: z.string().min(1),
  sourceId: z.string().min(1),
  /** The call (or merge) that set the value. */
  eventId: z.string().min(1),
  /** Event time of that call, UTC ISO-8601. */
  at: z.string().min(1),
});
export type TraitLineage = z.infer<typeof TraitLineage>;

/**
 * How a trait's value is chosen when two values compete (a later identify, or a merge):
 * the most recent event time, the first seen, the greater or smaller value, the most recent
 * non-empty value over an empty one, or the more trusted source (sources listed most trusted
 * first).
 */
export const SurvivorshipRule = z.discriminatedUnion('rule', [
  z.object({ rule: z.literal('mostRecent') }),
  z.object({ rule: z.literal('firstSeen') }),
  z.object({ rule: z.literal('max') }),
  z.object({ rule: z.literal('min') }),
  z.object({ rule: z.literal('nonEmpty') }),
  z.object({ rule: z.literal('trustedSource'), sources: z.array(z.string().min(1)).min(1) }),
]);
export type SurvivorshipRule = z.infer<typeof SurvivorshipRule>;

/** Rules per trait name; traits without one follow `fallback`. */
export interface SurvivorshipRules {
  readonly byTrait: ReadonlyMap<string, SurvivorshipRule>;
  readonly fallback: SurvivorshipRule;
}

export const DEFAULT_SURVIVORSHIP: SurvivorshipRules = {
  byTrait: new Map(),
  fallback: { rule: 'mostRecent' },
};

/** A trait value together with where it came from (lineage is null for values set before lineage existed). */
export interface TraitValue {
  readonly value: unknown;
  readonly lineage: TraitLineage | null;
}

/**
 * True when `incoming` should replace `current` under `rule`. Ties (same time, equal values,
 * equally trusted sources) go to the incoming value, so a replayed identify still applies.
 */
export function incomingWins(
  rule: SurvivorshipRule,
  current: TraitValue,
  incoming: TraitValue,
): boolean {
  switch (rule.rule) {
    case 'mostRecent':
      return laterOrEqual(incoming, current);
    case 'firstSeen':
      return laterOrEqual(current, incoming);
    case 'max':
    case 'min':
      return byOrder(rule.rule, current, incoming);
    case 'nonEmpty':
      // A non-empty value beats an empty one; between two of a kind the later one wins, so a
      // late identify or a merge's older value does not overwrite a newer one.
      return isEmpty(incoming.value) === isEmpty(current.value)
        ? laterOrEqual(incoming, current)
        : isEmpty(current.value);
    case 'trustedSource':
      return byTrust(rule.sources, current, incoming);
  }
}

/**
 * Merges `incoming` traits into `current` trait by trait under the rules, with their lineage.
 * Returns the traits, the lineage and the names of the traits whose value changed.
 */
export function survivingTraits(
  rules: SurvivorshipRules,
  current: { readonly traits: JsonObject; readonly lineage: readonly TraitLineage[] },
  incoming: { readonly traits: JsonObject; readonly lineage: readonly TraitLineage[] },
): { traits: JsonObject; lineage: TraitLineage[]; changed: string[] } {
  const traits: JsonObject = { ...current.traits };
  const lineage = new Map(current.lineage.map((entry) => [entry.trait, entry]));
  const incomingLineage = new Map(incoming.lineage.map((entry) => [entry.trait, entry]));
  const changed: string[] = [];
  for (const [trait, value] of Object.entries(incoming.traits)) {
    const challenger = { value, lineage: incomingLineage.get(trait) ?? null };
    const holder = { value: traits[trait], lineage: lineage.get(trait) ?? null };
    const present = Object.hasOwn(traits, trait);
    if (present && !incomingWins(rules.byTrait.get(trait) ?? rules.fallback, holder, challenger))
      continue;
    if (!present || !isDeepStrictEqual(holder.value, value)) changed.push(trait);
    traits[trait] = value;
    if (challenger.lineage !== null) lineage.set(trait, challenger.lineage);
  }
  return { traits, lineage: [...lineage.values()], changed };
}

/** A value without a lineage time counts as older than any with one. */
function laterOrEqual(a: TraitValue, b: TraitValue): boolean {
  if (a.lineage === null) return b.lineage === null;
  if (b.lineage === null) return true;
  return a.lineage.at >= b.lineage.at;
}

function byOrder(rule: 'max' | 'min', current: TraitValue, incoming: TraitValue): boolean {
  const a = comparable(current.value);
  const b = comparable(incoming.value);
  // Values that do not compare (mixed types, objects) fall back to the most recent.
  if (a === undefined || b === undefined || typeof a !== typeof b)
    return laterOrEqual(incoming, current);
  return rule === 'max' ? b >= a : b <= a;
}

function comparable(value: unknown): number | string | undefined {
  return typeof value === 'number' || typeof value === 'string' ? value : undefined;
}

function byTrust(sources: readonly string[], current: TraitValue, incoming: TraitValue): boolean {
  const rank = (value: TraitValue) => {
    const index = value.lineage === null ? -1 : sources.indexOf(value.lineage.sourceId);
    return index === -1 ? sources.length : index;
  };
  const [held, challenger] = [rank(current), rank(incoming)];
  if (challenger !== held) return challenger < held;
  return laterOrEqual(incoming, current);
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}
