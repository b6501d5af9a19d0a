import type { LinkageModel } from './fellegi-sunter';

/**
 * The fields on which agreement counts against a match: the weight log2(m/u) of the best
 * level is below that of "different". A model fitted by EM on data that holds too few true
 * duplicates splits the candidate pairs along something else (typically which blocking key
 * made them candidates), and shows it here: e.g. a differing birthday as strong evidence for
 * a match. Such a model would merge strangers and must not be used. Fields never observed
 * (every level at the same weight) are not counted.
 */
export function implausibleFields(model: LinkageModel): string[] {
  return model.fields
    .filter((_, index) => {
      const parameters = model.parameters[index];
      if (parameters === undefined) return false;
      const last = parameters.m.length - 1;
      return (
        weightOf(parameters.m[0], parameters.u[0]) <
        weightOf(parameters.m[last], parameters.u[last])
      );
    })
    .map((field) => field.name);
}

function weightOf(m: number | undefined, u: number | undefined): number {
  return Math.log2((m ?? Number.NaN) / (u ?? Number.NaN));
}
