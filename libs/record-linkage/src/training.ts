import { comparePeople, COMPARISON_FIELDS, type PreparedPerson } from './comparators';
import {
  DEFAULT_EM_OPTIONS,
  estimateParameters,
  normalise,
  PatternCounts,
  type EmOptions,
  type EmResult,
} from './em';
import { preparePersonRecord, type PersonIndex } from './person-index';
import type { PersonRecord } from './person-record';
import type { Prng } from './prng';

/**
 * The comparison vectors of every (record, candidate profile) pair the blocking yields:
 * EM's training data, taken from the workspace's own incoming records, unlabeled.
 */
export function candidatePatterns(
  profiles: PersonIndex,
  records: Iterable<PersonRecord>,
): PatternCounts {
  const patterns = new PatternCounts();
  const levels = new Int8Array(COMPARISON_FIELDS.length);
  for (const record of records) {
    const person = preparePersonRecord(record);
    for (const id of profiles.candidates(person)) {
      const profile = profiles.get(id);
      if (profile !== undefined) patterns.add(comparePeople(person, profile, levels));
    }
  }
  return patterns;
}

/**
 * u probabilities from pairs of random people: in a large population nearly every random
 * pair is a non-match, so the level frequencies are P(level | non-match).
 */
export function randomPairU(
  people: readonly PreparedPerson[],
  pairs: number,
  prng: Prng,
): number[][] {
  if (people.length < 2) throw new RangeError('random pairs need at least two people');
  const counts = COMPARISON_FIELDS.map((field) => new Array<number>(field.levels.length).fill(0));
  const levels = new Int8Array(COMPARISON_FIELDS.length);
  for (let drawn = 0; drawn < pairs; drawn++) {
    const a = prng.pick(people);
    const b = prng.pick(people);
    if (a === b) continue;
    comparePeople(a, b, levels);
    levels.forEach((level, f) => {
      const row = counts[f];
      if (level >= 0 && row !== undefined) row[level] = (row[level] ?? 0) + 1;
    });
  }
  return counts.map(normalise);
}

/** EM over the candidate pairs of `records`, optionally with u fixed from random pairs. */
export function fitModel(
  profiles: PersonIndex,
  records: Iterable<PersonRecord>,
  options: EmOptions = DEFAULT_EM_OPTIONS,
): EmResult {
  return estimateParameters(candidatePatterns(profiles, records), COMPARISON_FIELDS, options);
}
