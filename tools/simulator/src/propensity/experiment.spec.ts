import { runPropensityExperiment, TARGET_AUC_GAP } from './index';

describe('runPropensityExperiment', () => {
  // About 2–3 s a seed: the full default population, so the figures are the reported ones.
  it.each([1, 2, 3])(
    'learns a propensity within 0.02 AUC of the oracle (seed %i)',
    (seed) => {
      const report = runPropensityExperiment({ seed });
      expect(report.aucGap).toBeLessThanOrEqual(TARGET_AUC_GAP);
      expect(report.meetsTarget).toBe(true);
      // The model learned more than the order count alone tells.
      expect(report.model.auc).toBeGreaterThan(report.baselineAuc + 0.02);
      // The oracle is the truth: calibrated on the holdout, and the model cannot beat it.
      expect(report.oracle.logLoss).toBeLessThan(report.model.logLoss);
      expect(report.model.logLoss).toBeLessThan(report.oracle.logLoss + 0.03);
      // The slow first champion is replaced by the challenger early on.
      expect(report.promotions[0]).toMatchObject({
        generation: 1,
        retiredAlpha: 0.02,
        championAlpha: 0.1,
      });
      expect(report.promotions[0]?.day).toBeLessThan(30);
      expect(report.trainingExamples).toBeGreaterThan(30_000);
      expect(report.holdoutExamples).toBeGreaterThan(10_000);
    },
    15_000,
  );

  it('gives the same report for the same seed, and another for another seed', () => {
    const small = { customers: 400, days: 60, holdoutDays: 20 };
    const first = runPropensityExperiment({ seed: 7, ...small });
    expect(runPropensityExperiment({ seed: 7, ...small })).toEqual(first);
    expect(runPropensityExperiment({ seed: 8, ...small }).model).not.toEqual(first.model);
  });

  it('rejects settings that leave nothing to learn or to hold out', () => {
    expect(() => runPropensityExperiment({ seed: 1, days: 30, holdoutDays: 30 })).toThrow(
      /holdoutDays/,
    );
    expect(() => runPropensityExperiment({ seed: 1.5 })).toThrow('seed must be an integer');
  });
});
