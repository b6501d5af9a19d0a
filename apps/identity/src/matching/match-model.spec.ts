import { COMPARISON_FIELDS } from '@meridian/record-linkage';
import {
  DEFAULT_MATCH_THRESHOLDS,
  fittedFieldsOf,
  linkageModelOf,
  MatchModel,
  MatchThresholds,
  viewOf,
} from './match-model';
import { HAND_SET_MODEL } from './test-support/hand-set-model';

const stored: MatchModel = {
  workspaceId: 'ws-1',
  fields: fittedFieldsOf(HAND_SET_MODEL),
  matchPrior: HAND_SET_MODEL.matchPrior,
  thresholds: DEFAULT_MATCH_THRESHOLDS,
  fittedAt: '2025-01-01T00:00:00.000Z',
  profilesSampled: 500,
  pairsUsed: 120,
  iterations: 9,
  converged: true,
};

describe('the stored match model', () => {
  it('reads back as the model it was fitted as', () => {
    expect(linkageModelOf(MatchModel.parse(stored))).toEqual(HAND_SET_MODEL);
  });

  it('is unusable once the comparators compare other fields or levels', () => {
    const fewerLevels = {
      ...stored,
      fields: stored.fields.map((field, index) =>
        index === 0
          ? { ...field, levels: ['exact', 'different'], m: [0.9, 0.1], u: [0.1, 0.9] }
          : field,
      ),
    };

    const result = linkageModelOf(fewerLevels);

    expect(result).toEqual({
      unusable: expect.stringMatching(/firstName\(2\).*firstName\(4\).*fit it again/),
    });
    expect(viewOf(fewerLevels).unusable).toMatch(/fit it again/);
  });

  it('shows every level with its m, u and weight', () => {
    const view = viewOf(stored);

    expect(view.unusable).toBeNull();
    expect(view.fields.map((field) => field.field)).toEqual(COMPARISON_FIELDS.map((f) => f.name));
    expect(view.fields[4]).toEqual({
      field: 'phone',
      levels: [
        { agreement: 'exact', m: 0.9, u: 0.1, weight: expect.closeTo(Math.log2(9), 10) },
        { agreement: 'different', m: 0.1, u: 0.9, weight: expect.closeTo(-Math.log2(9), 10) },
      ],
    });
  });
});

describe('MatchThresholds', () => {
  it('refuses a lower threshold above the upper one, naming it', () => {
    const parsed = MatchThresholds.safeParse({ upper: 4, lower: 10 });

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ['lower'],
      message: 'lower must not be above upper',
    });
  });

  it('defaults to the record-linkage thresholds', () => {
    expect(DEFAULT_MATCH_THRESHOLDS).toEqual({ upper: 10, lower: 4 });
  });
});
