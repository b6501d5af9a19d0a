import { logisticStream } from '../propensity/synthetic-examples';
import { SeededRandom } from '../random';
import { exactAuc } from './exact-auc';
import {
  exampleLogLoss,
  PrequentialEvaluator,
  prequentialMetricsRecord,
  type PrequentialState,
} from './prequential';

describe('PrequentialEvaluator', () => {
  it('matches the exact AUC of a fixture within its reported error bound', () => {
    const stream = logisticStream({ seed: 11, examples: 20_000, weights: [1.2, -0.7], bias: -2 });
    const evaluator = new PrequentialEvaluator();
    for (const example of stream) evaluator.add(example.probability, example.label);
    const exact = exactAuc(
      stream.map((example) => example.probability),
      stream.map((example) => example.label),
    );
    const { auc, aucErrorBound } = evaluator.metrics();
    expect(aucErrorBound).toBeLessThan(0.002);
    expect(Math.abs((auc ?? 0) - (exact ?? 1))).toBeLessThanOrEqual(aucErrorBound ?? 0);
  });

  it('is exact when every score has its own bin', () => {
    const evaluator = new PrequentialEvaluator();
    const scores = [0.01, 0.05, 0.2, 0.5, 0.8, 0.95];
    const labels: (0 | 1)[] = [0, 1, 0, 1, 0, 1];
    scores.forEach((score, index) => evaluator.add(score, labels[index] ?? 0));
    expect(evaluator.metrics().auc).toBe(exactAuc(scores, labels));
    expect(evaluator.metrics().aucErrorBound).toBe(0);
  });

  it('averages the clipped log-loss', () => {
    const evaluator = new PrequentialEvaluator();
    evaluator.add(0.8, 1);
    evaluator.add(0.8, 0);
    evaluator.add(0, 1); // clipped to 1e-7: costs 16.1 nats, not infinity
    const expected = (-Math.log(0.8) - Math.log(0.2) - Math.log(1e-7)) / 3;
    expect(evaluator.metrics().logLoss).toBeCloseTo(expected, 10);
    expect(evaluator.metrics().positiveRate).toBeCloseTo(2 / 3, 12);
  });

  it('has no AUC until both labels have been seen', () => {
    const evaluator = new PrequentialEvaluator();
    evaluator.add(0.3, 1);
    expect(evaluator.metrics()).toMatchObject({ examples: 1, auc: null, aucErrorBound: null });
    expect(prequentialMetricsRecord(evaluator.metrics())).toEqual({
      examples: 1,
      logLoss: -Math.log(0.3),
      positiveRate: 1,
    });
  });

  it('forgets old examples with a fading factor', () => {
    const fading = new PrequentialEvaluator({ fadingFactor: 0.99 });
    const plain = new PrequentialEvaluator();
    // First a well-ranked stream, then a reversed one: the faded AUC follows the change.
    for (let index = 0; index < 3000; index++) {
      const label = index % 2 === 0 ? 1 : 0;
      const score = index < 1500 ? (label ? 0.9 : 0.1) : label ? 0.1 : 0.9;
      fading.add(score, label);
      plain.add(score, label);
    }
    expect(plain.metrics().auc).toBeCloseTo(0.5, 2);
    expect(fading.metrics().auc).toBeLessThan(0.01);
  });

  it('survives the weight rescaling of a long faded stream', () => {
    const evaluator = new PrequentialEvaluator({ fadingFactor: 0.9 });
    const random = new SeededRandom(5);
    for (let index = 0; index < 10_000; index++) {
      const label = random.next() < 0.3 ? 1 : 0;
      evaluator.add(label ? 0.7 : 0.2, label);
    }
    const metrics = evaluator.metrics();
    expect(metrics.auc).toBe(1);
    expect(metrics.logLoss).toBeGreaterThan(-Math.log(0.8));
    expect(metrics.logLoss).toBeLessThan(-Math.log(0.7));
    expect(Number.isFinite(evaluator.toState().totalWeight)).toBe(true);
  });

  it('round-trips its state through JSON', () => {
    const evaluator = new PrequentialEvaluator({ bins: 50, fadingFactor: 0.999 });
    const random = new SeededRandom(6);
    for (let index = 0; index < 500; index++)
      evaluator.add(random.next(), random.next() < 0.5 ? 1 : 0);
    const state: PrequentialState = JSON.parse(JSON.stringify(evaluator.toState()));
    const copy = PrequentialEvaluator.fromState(state);
    expect(copy.metrics()).toEqual(evaluator.metrics());
    copy.add(0.4, 1);
    evaluator.add(0.4, 1);
    expect(copy.toState()).toEqual(evaluator.toState());
    expect(() =>
      PrequentialEvaluator.fromState({ ...state, options: { ...state.options, bins: 60 } }),
    ).toThrow('positives has 50 bins, options.bins is 60');
  });

  it('rejects a probability outside [0, 1]', () => {
    expect(() => exampleLogLoss(1.2, 1)).toThrow(RangeError);
    expect(() => new PrequentialEvaluator().add(Number.NaN, 0)).toThrow(/probability/);
  });
});
