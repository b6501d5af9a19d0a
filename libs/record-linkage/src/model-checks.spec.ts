import { COMPARISON_FIELDS } from './comparators';
import type { LinkageModel } from './fellegi-sunter';
import { implausibleFields } from './model-checks';

/** Every field: agreement 0.9 of matches and 0.1 of non-matches, unless `m` overrides it. */
function modelWith(m: Record<string, number[]> = {}): LinkageModel {
  return {
    fields: COMPARISON_FIELDS,
    parameters: COMPARISON_FIELDS.map((field) => {
      const levels = field.levels.length;
      const spread = (best: number) =>
        field.levels.map((_, level) => (level === 0 ? best : (1 - best) / (levels - 1)));
      return { m: m[field.name] ?? spread(0.9), u: spread(0.1) };
    }),
    matchPrior: 0.01,
  };
}

describe('implausibleFields', () => {
  it('accepts a model in which agreement is evidence for a match', () => {
    expect(implausibleFields(modelWith())).toEqual([]);
  });

  it('names the fields on which agreement counts against a match', () => {
    const model = modelWith({ birthday: [0.01, 0.01, 0.01, 0.97], phone: [0.05, 0.95] });

    expect(implausibleFields(model)).toEqual(['birthday', 'phone']);
  });

  it('does not count a field that was never observed (all levels weigh the same)', () => {
    const model: LinkageModel = {
      ...modelWith(),
      parameters: modelWith().parameters.map((parameters, index) =>
        COMPARISON_FIELDS[index]?.name === 'email' ? { m: [0.5, 0.5], u: [0.5, 0.5] } : parameters,
      ),
    };

    expect(implausibleFields(model)).toEqual([]);
  });
});
