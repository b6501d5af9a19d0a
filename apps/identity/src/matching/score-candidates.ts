import {
  comparePeople,
  COMPARISON_FIELDS,
  isSelectiveBlockingKey,
  type Decision,
  type FieldEvidence,
  type PreparedPerson,
} from '@meridian/record-linkage';
import type { LoadedModel } from './match-model';

/** How a pair scored: the total weight, its posterior and the evidence field by field. */
export interface ScoredPair {
  /** Total log2(m/u) over the fields. */
  readonly weight: number;
  /** Posterior match probability under the workspace's fitted prior. */
  readonly matchProbability: number;
  /** Per field: agreement level, its label ("exact", "JW ≥ 0.94", "missing", …) and weight. */
  readonly explanation: readonly FieldEvidence[];
}

/** A stored profile's PII, prepared for comparison. */
export interface ComparableProfile {
  readonly profileId: string;
  readonly person: PreparedPerson;
}

export interface BestCandidate extends ScoredPair {
  readonly profileId: string;
  readonly decision: Decision;
}

/**
 * The candidate the person most likely is, scored with the workspace's model and decided by
 * its thresholds; null without candidates. Equal weights go to the smaller profile id, so the
 * answer does not depend on the order the store returned the candidates in.
 */
export function bestCandidate(
  model: LoadedModel,
  person: PreparedPerson,
  candidates: readonly ComparableProfile[],
): BestCandidate | null {
  const levels = new Int8Array(COMPARISON_FIELDS.length);
  let best: ComparableProfile | null = null;
  let bestWeight = Number.NEGATIVE_INFINITY;
  for (const candidate of candidates) {
    const weight = model.table.weight(comparePeople(person, candidate.person, levels));
    if (
      weight > bestWeight ||
      (weight === bestWeight && best !== null && candidate.profileId < best.profileId)
    ) {
      best = candidate;
      bestWeight = weight;
    }
  }
  if (best === null) return null;
  const explained = model.table.explain(
    comparePeople(person, best.person, levels),
    model.thresholds,
  );
  return {
    profileId: best.profileId,
    decision: explained.decision,
    weight: explained.weight,
    matchProbability: explained.matchProbability,
    explanation: explained.fields,
  };
}

/**
 * A call's blocking keys in the order candidates are fetched by: the selective ones (phone,
 * email, birthday) first, whose few profiles must not be crowded out of a limited fetch by a
 * common surname's block, then the broad ones.
 */
export function keyTiers(keys: readonly string[]): {
  readonly selective: readonly string[];
  readonly broad: readonly string[];
} {
  return {
    selective: keys.filter(isSelectiveBlockingKey),
    broad: keys.filter((key) => !isSelectiveBlockingKey(key)),
  };
}
