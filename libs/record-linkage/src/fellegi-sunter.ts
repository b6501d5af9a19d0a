import { MISSING, type ComparisonField } from './comparators';

/** P(level | match) and P(level | non-match) of one field, one entry per level. */
export interface FieldParameters {
  readonly m: readonly number[];
  readonly u: readonly number[];
}

export interface LinkageModel {
  readonly fields: readonly ComparisonField[];
  /** One per field, in the order of `fields`. */
  readonly parameters: readonly FieldParameters[];
  /** Share of compared (candidate) pairs that are matches. */
  readonly matchPrior: number;
}

/** Total log2 weights: at or above `upper` merge, at or above `lower` review, else distinct. */
export interface Thresholds {
  readonly upper: number;
  readonly lower: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { upper: 10, lower: 4 };

export type Decision = 'merge' | 'review' | 'distinct';

export interface FieldEvidence {
  readonly field: string;
  readonly level: number;
  /** The level's label, or "missing". */
  readonly agreement: string;
  /** log2(m / u); 0 when missing. */
  readonly weight: number;
}

/** Why a pair scored what it did, for the review queue. */
export interface ScoreExplanation {
  readonly weight: number;
  /** Posterior match probability given the model's prior. */
  readonly matchProbability: number;
  readonly decision: Decision;
  readonly fields: readonly FieldEvidence[];
}

export function decide(weight: number, thresholds: Thresholds): Decision {
  if (thresholds.lower > thresholds.upper)
    throw new RangeError(`lower threshold ${thresholds.lower} is above upper ${thresholds.upper}`);
  return weight >= thresholds.upper ? 'merge' : weight >= thresholds.lower ? 'review' : 'distinct';
}

/** log2(m/u) of every field and level, precomputed so scoring a pair is a few additions. */
export class WeightTable {
  private readonly weights: readonly Float64Array[];

  constructor(readonly model: LinkageModel) {
    this.weights = model.parameters.map(({ m, u }) =>
      Float64Array.from(m, (mLevel, level) => Math.log2(mLevel / (u[level] ?? Number.NaN))),
    );
  }

  /** The level's weight; 0 for MISSING. */
  fieldWeight(field: number, level: number): number {
    if (level === MISSING) return 0;
    const weight = this.weights[field]?.[level];
    if (weight === undefined) throw new RangeError(`no level ${level} for field ${field}`);
    return weight;
  }

  weight(levels: Int8Array): number {
    let total = 0;
    for (let field = 0; field < this.weights.length; field++)
      total += this.fieldWeight(field, levels[field] ?? MISSING);
    return total;
  }

  matchProbability(weight: number): number {
    const prior = this.model.matchPrior;
    return 1 / (1 + ((1 - prior) / prior) * 2 ** -weight);
  }

  explain(levels: Int8Array, thresholds: Thresholds): ScoreExplanation {
    const fields = this.model.fields.map((field, index) => {
      const level = levels[index] ?? MISSING;
      return {
        field: field.name,
        level,
        agreement: level === MISSING ? 'missing' : (field.levels[level] ?? 'unknown'),
        weight: this.fieldWeight(index, level),
      };
    });
    const weight = fields.reduce((sum, field) => sum + field.weight, 0);
    return {
      weight,
      matchProbability: this.matchProbability(weight),
      decision: decide(weight, thresholds),
      fields,
    };
  }
}
