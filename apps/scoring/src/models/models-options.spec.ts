import { ConfigError } from '@meridian/config';
import { loadScoringConfig } from '../config';
import { modelsOptionsOf } from './models-options';

const clock = () => 0;

describe('modelsOptionsOf', () => {
  it('trains Order Completed within 7 days on country and plan by default', () => {
    const options = modelsOptionsOf(loadScoringConfig({ MERIDIAN_PARTITIONS: '2' }), clock);
    expect(options.goals).toEqual([
      { goal: 'Order Completed', windowDays: 7, modelId: 'propensity:Order Completed:7d' },
    ]);
    expect(options.traits).toEqual(['country', 'plan']);
    expect(options).toMatchObject({
      ownedPartitions: [0, 1],
      scoreEpsilon: 0.01,
      promotion: { minExamples: 2000, checkEvery: 500 },
      checkpointExamples: 1000,
      checkpointIntervalMs: 60_000,
      sweepIntervalMs: 60_000,
      nbaWindowMs: 86_400_000,
    });
  });

  it('reads several goals, each with its window, and a list of traits', () => {
    const options = modelsOptionsOf(
      loadScoringConfig({
        MODELS_PROPENSITY_GOALS: 'Order Completed:7d, Trial Started:14d',
        MODELS_PROPENSITY_TRAITS: 'plan, ,country,plan',
      }),
      clock,
    );
    expect(options.goals.map((goal) => goal.modelId)).toEqual([
      'propensity:Order Completed:7d',
      'propensity:Trial Started:14d',
    ]);
    expect(options.traits).toEqual(['plan', 'country']);
  });

  it.each(['Order Completed', 'Order Completed:0d', ':7d', 'Order Completed:7'])(
    'refuses the goal %p',
    (goals) => {
      expect(() => loadScoringConfig({ MODELS_PROPENSITY_GOALS: goals })).toThrow(ConfigError);
    },
  );

  it('refuses a score epsilon outside [0, 1]', () => {
    expect(() => loadScoringConfig({ MODELS_SCORE_EPSILON: '2' })).toThrow(ConfigError);
  });
});
