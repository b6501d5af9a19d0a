import {
  COMPARISON_FIELDS,
  DEFAULT_THRESHOLDS,
  WeightTable,
  type LinkageModel,
  type Thresholds,
} from '@meridian/record-linkage';
import { z } from 'zod';

const Probability = z.number().gt(0).lt(1);

/** Total log2 weights: merge at or above `upper`, review at or above `lower`. */
export const MatchThresholds = z
  .object({ upper: z.number().min(-200).max(200), lower: z.number().min(-200).max(200) })
  .refine((thresholds) => thresholds.lower <= thresholds.upper, {
    message: 'lower must not be above upper',
    path: ['lower'],
  });
export type MatchThresholds = z.infer<typeof MatchThresholds>;

/** One compared field's fitted parameters: P(level | match) and P(level | non-match). */
export const FittedField = z.object({
  field: z.string().min(1),
  levels: z.array(z.string()).min(2),
  m: z.array(Probability),
  u: z.array(Probability),
});
export type FittedField = z.infer<typeof FittedField>;

/**
 * A workspace's Fellegi–Sunter model as stored in `match_models` (`_id` = workspaceId): m and
 * u per field and level, estimated by EM from the workspace's own profiles, the match prior,
 * and the thresholds the workspace decides with.
 */
export const MatchModel = z.object({
  workspaceId: z.string().min(1),
  fields: z.array(FittedField),
  matchPrior: Probability,
  thresholds: MatchThresholds,
  fittedAt: z.string().min(1),
  /** Profiles with PII the fit read. */
  profilesSampled: z.number().int().min(0),
  /** Candidate pairs EM ran on. */
  pairsUsed: z.number().int().min(0),
  iterations: z.number().int().min(0),
  converged: z.boolean(),
});
export type MatchModel = z.infer<typeof MatchModel>;

export const DEFAULT_MATCH_THRESHOLDS: MatchThresholds = { ...DEFAULT_THRESHOLDS };

/** The stored form of a fitted LinkageModel. */
export function fittedFieldsOf(model: LinkageModel): FittedField[] {
  return model.fields.map((field, index) => ({
    field: field.name,
    levels: [...field.levels],
    m: [...(model.parameters[index]?.m ?? [])],
    u: [...(model.parameters[index]?.u ?? [])],
  }));
}

/**
 * The stored model as the comparators use it, or the reason it cannot be: a model fitted for
 * other fields or levels (the comparators changed since) must be fitted again.
 */
export function linkageModelOf(stored: MatchModel): LinkageModel | { readonly unusable: string } {
  const expected = COMPARISON_FIELDS.map((field) => `${field.name}(${field.levels.length})`);
  const actual = stored.fields.map((field) => `${field.field}(${field.levels.length})`);
  const sizes = stored.fields.every(
    (field) => field.m.length === field.levels.length && field.u.length === field.levels.length,
  );
  if (expected.join(',') !== actual.join(',') || !sizes)
    return {
      unusable: `the model compares ${actual.join(', ')}; the comparators now compare ${expected.join(', ')}: fit it again`,
    };
  return {
    fields: COMPARISON_FIELDS,
    parameters: stored.fields.map((field) => ({ m: field.m, u: field.u })),
    matchPrior: stored.matchPrior,
  };
}

/** What the matcher needs of a workspace's model, computed once per load. */
export interface LoadedModel {
  readonly table: WeightTable;
  readonly thresholds: Thresholds;
}

/** The model as GET /v1/match-model shows it: each level with its m, u and weight. */
export interface MatchModelView {
  readonly fittedAt: string;
  readonly matchPrior: number;
  readonly thresholds: MatchThresholds;
  readonly profilesSampled: number;
  readonly pairsUsed: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Null, or why the matcher does not use this model (fitted for other comparators). */
  readonly unusable: string | null;
  readonly fields: readonly {
    readonly field: string;
    readonly levels: readonly {
      readonly agreement: string;
      readonly m: number;
      readonly u: number;
      readonly weight: number;
    }[];
  }[];
}

export function viewOf(stored: MatchModel): MatchModelView {
  const linkage = linkageModelOf(stored);
  return {
    fittedAt: stored.fittedAt,
    matchPrior: stored.matchPrior,
    thresholds: stored.thresholds,
    profilesSampled: stored.profilesSampled,
    pairsUsed: stored.pairsUsed,
    iterations: stored.iterations,
    converged: stored.converged,
    unusable: 'unusable' in linkage ? linkage.unusable : null,
    fields: stored.fields.map((field) => ({
      field: field.field,
      levels: field.levels.map((agreement, level) => {
        const m = field.m[level] ?? Number.NaN;
        const u = field.u[level] ?? Number.NaN;
        return { agreement, m, u, weight: Math.log2(m / u) };
      }),
    })),
  };
}
