import { COMPARISON_FIELDS, WeightTable, type LinkageModel } from '@meridian/record-linkage';
import type { LoadedModel } from '../match-model';

/**
 * A hand-set model for specs: agreement on any field is strong evidence (m 0.9 on the best
 * level, u 0.9 on "different"), so expected weights are easy to reason about.
 */
export const HAND_SET_MODEL: LinkageModel = {
  fields: COMPARISON_FIELDS,
  parameters: COMPARISON_FIELDS.map((field) => {
    const levels = field.levels.length;
    const m = field.levels.map((_, level) => (level === 0 ? 0.9 : 0.1 / (levels - 1)));
    const u = field.levels.map((_, level) => (level === levels - 1 ? 0.9 : 0.1 / (levels - 1)));
    return { m, u };
  }),
  matchPrior: 0.01,
};

export function loadedModel(thresholds = { upper: 10, lower: 4 }): LoadedModel {
  return { table: new WeightTable(HAND_SET_MODEL), thresholds };
}
