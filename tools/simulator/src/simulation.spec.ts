import { runSimulation } from './simulation';

describe('runSimulation', () => {
  const tiny = {
    customers: 300,
    nba: { days: 2, decisionsPerHour: 30 },
    propensity: { customers: 300, days: 60, holdoutDays: 20, burnInDays: 20 },
  };

  it('gives the same report for the same seed and a different one for another', () => {
    const first = runSimulation({ seed: 7, ...tiny });
    expect(runSimulation({ seed: 7, ...tiny })).toEqual(first);
    expect(runSimulation({ seed: 8, ...tiny }).nba.policies).not.toEqual(first.nba.policies);
  });

  it('includes the propensity experiment and its target unless left out', () => {
    const report = runSimulation({ seed: 7, ...tiny });
    expect(report.propensity.included && report.propensity.report.seed).toBe(7);
    expect(report.targets.map((t) => t.name)).toContain('propensity AUC gap to the oracle');
    const without = runSimulation({ seed: 7, ...tiny, propensity: false });
    expect(without.propensity.included).toBe(false);
    expect(without.targets).toHaveLength(2);
  });

  it('rejects a seed that is not an integer', () => {
    expect(() => runSimulation({ seed: 1.5, ...tiny })).toThrow(/seed/);
  });
});
