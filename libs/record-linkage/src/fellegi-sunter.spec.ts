import { MISSING } from './comparators';
import { decide, WeightTable, type LinkageModel } from './fellegi-sunter';

const model: LinkageModel = {
  fields: [
    { name: 'email', levels: ['exact', 'different'] },
    { name: 'city', levels: ['exact', 'close', 'different'] },
  ],
  parameters: [
    { m: [0.8, 0.2], u: [0.01, 0.99] },
    { m: [0.5, 0.25, 0.25], u: [0.125, 0.25, 0.625] },
  ],
  matchPrior: 0.5,
};

describe('WeightTable', () => {
  const table = new WeightTable(model);

  it('weighs each level by log2(m/u) and sums the fields', () => {
    expect(table.fieldWeight(0, 0)).toBeCloseTo(Math.log2(80), 10);
    expect(table.fieldWeight(1, 1)).toBeCloseTo(0, 10);
    expect(table.weight(Int8Array.of(0, 0))).toBeCloseTo(Math.log2(80) + 2, 10);
  });

  it('gives a missing field no weight', () => {
    expect(table.weight(Int8Array.of(MISSING, 0))).toBeCloseTo(2, 10);
  });

  it('explains a score field by field with the decision', () => {
    const explanation = table.explain(Int8Array.of(0, MISSING), { upper: 6, lower: 2 });
    expect(explanation.decision).toBe('merge');
    expect(explanation.fields).toEqual([
      { field: 'email', level: 0, agreement: 'exact', weight: expect.closeTo(Math.log2(80), 10) },
      { field: 'city', level: MISSING, agreement: 'missing', weight: 0 },
    ]);
    expect(explanation.matchProbability).toBeCloseTo(80 / 81, 10);
  });
});

describe('decide', () => {
  it('merges at or above the upper threshold and reviews between the two', () => {
    const thresholds = { upper: 10, lower: 4 };
    expect(decide(10, thresholds)).toBe('merge');
    expect(decide(9.9, thresholds)).toBe('review');
    expect(decide(4, thresholds)).toBe('review');
    expect(decide(3.9, thresholds)).toBe('distinct');
  });

  it('rejects a lower threshold above the upper one', () => {
    expect(() => decide(1, { upper: 2, lower: 3 })).toThrow(RangeError);
  });
});
