import { comparePeople, COMPARISON_FIELDS } from './comparators';
import { PatternCounts } from './em';
import type { PersonIndex } from './person-index';

/**
 * The comparison vectors of the candidate pairs among the profiles of one index: for each of
 * `ids` (a sample of the indexed profiles), every candidate blocking finds for it except
 * itself. EM's training data when a workspace has no separate stream of new records: its
 * stored profiles, unlabeled, of which the not yet merged duplicates are the matches.
 *
 * Each unordered pair is counted once: a pair of two sampled profiles only from the one that
 * comes first in `ids` (blocking finds it from both sides). Ids that are not indexed, and
 * repeated ids, are skipped.
 */
export function indexPairPatterns(profiles: PersonIndex, ids: Iterable<string>): PatternCounts {
  const patterns = new PatternCounts();
  const levels = new Int8Array(COMPARISON_FIELDS.length);
  const visited = new Set<string>();
  for (const id of ids) {
    const person = profiles.get(id);
    if (person === undefined || visited.has(id)) continue;
    visited.add(id);
    for (const candidateId of profiles.candidates(person)) {
      if (visited.has(candidateId)) continue; // itself, or compared from the other side
      const candidate = profiles.get(candidateId);
      if (candidate !== undefined) patterns.add(comparePeople(person, candidate, levels));
    }
  }
  return patterns;
}
