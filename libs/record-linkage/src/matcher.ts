import { comparePeople, COMPARISON_FIELDS } from './comparators';
import {
  DEFAULT_THRESHOLDS,
  WeightTable,
  type Decision,
  type LinkageModel,
  type ScoreExplanation,
  type Thresholds,
} from './fellegi-sunter';
import { preparePersonRecord, type PersonIndex } from './person-index';
import type { PersonRecord } from './person-record';

export interface MatchResult {
  /** The decision for the best-scoring profile; distinct when there was no candidate. */
  readonly decision: Decision;
  readonly profileId: string | null;
  /** Why the best profile scored what it did; null without candidates. */
  readonly explanation: ScoreExplanation | null;
  readonly candidatesCompared: number;
}

/** Scores a record against the candidate profiles of a PersonIndex with a Fellegi–Sunter model. */
export class Matcher {
  private readonly table: WeightTable;
  // One buffer for every comparison: match() runs synchronously, start to end.
  private readonly levels = new Int8Array(COMPARISON_FIELDS.length);

  constructor(
    private readonly profiles: PersonIndex,
    model: LinkageModel,
    private readonly thresholds: Thresholds = DEFAULT_THRESHOLDS,
  ) {
    if (model.fields.length !== COMPARISON_FIELDS.length)
      throw new RangeError(
        `the model has ${model.fields.length} fields, the comparators ${COMPARISON_FIELDS.length}`,
      );
    this.table = new WeightTable(model);
  }

  match(record: PersonRecord): MatchResult {
    const person = preparePersonRecord(record);
    const ids = this.profiles.candidates(person);
    let bestId: string | null = null;
    let bestWeight = Number.NEGATIVE_INFINITY;
    for (const id of ids) {
      const profile = this.profiles.get(id);
      if (profile === undefined) continue;
      const weight = this.table.weight(comparePeople(person, profile, this.levels));
      if (weight > bestWeight) {
        bestWeight = weight;
        bestId = id;
      }
    }
    const best = bestId === null ? undefined : this.profiles.get(bestId);
    if (bestId === null || best === undefined)
      return {
        decision: 'distinct',
        profileId: null,
        explanation: null,
        candidatesCompared: ids.length,
      };
    const explanation = this.table.explain(
      comparePeople(person, best, this.levels),
      this.thresholds,
    );
    return {
      decision: explanation.decision,
      profileId: bestId,
      explanation,
      candidatesCompared: ids.length,
    };
  }
}
