import { runSimulation, SIMULATION_TARGETS, type SimulationReport } from '../simulation';

/** Smaller than the CLI's world (5,000 customers) but the same traffic: 100,800 decisions. */
const SPEC_CUSTOMERS = 2000;

/**
 * The targets and the comparisons behind them for one fixed seed. One spec file per
 * seed, so that each stays short and Jest can run them side by side. The propensity experiment
 * is left out here: its own specs (./propensity) assert its target.
 */
export function describeSimulationTargets(seed: number): void {
  describe(`the simulation with seed ${seed}`, () => {
    let report: SimulationReport;
    beforeAll(() => {
      report = runSimulation({ seed, customers: SPEC_CUSTOMERS, propensity: false });
    });
    const share = (policy: string) =>
      report.nba.policies.find((p) => p.policy === policy)?.shareOfOracle ?? Number.NaN;

    it('meets every target of the issue', () => {
      expect(report.targets.map((t) => [t.name, t.met])).toEqual([
        ['NBA bandit ÷ oracle reward', true],
        ['send-time lift over random hours (within 24 h)', true],
      ]);
      expect(report.nba.banditToOracle).toBeGreaterThanOrEqual(
        SIMULATION_TARGETS.banditShareOfOracle,
      );
    });

    it('earns more with the bandit than with twice-daily reallocation, random choice or any single action', () => {
      expect(share('bandit')).toBeGreaterThan(share('reallocation twice a day'));
      expect(share('bandit')).toBeGreaterThan(share('random'));
      expect(share('bandit')).toBeGreaterThan(report.nba.bestSingleAction.shareOfOracle);
      expect(share('oracle')).toBe(1);
    });

    it('learns faster observing decisions at once than waiting for them to settle', () => {
      expect(share('bandit')).toBeGreaterThan(share('bandit, learning at settlement'));
    });

    it('times sends better than random hours and than the population best slot', () => {
      for (const horizon of report.sendTime.horizons) {
        expect(horizon.liftOverRandom).toBeGreaterThanOrEqual(
          SIMULATION_TARGETS.sendTimeLiftOverRandom,
        );
        expect(horizon.liftOverPopulationBest).toBeGreaterThan(0);
        expect(horizon.model).toBeLessThanOrEqual(horizon.oracle);
        expect(horizon.realised.model).toBeGreaterThan(horizon.realised.random);
      }
    });

    it('finds the best channel more often than the fixed channel and earns more with it', () => {
      const { bestChannel } = report;
      expect(bestChannel.accuracy).toBeGreaterThan(bestChannel.fixedAccuracy);
      expect(bestChannel.liftOverFixed).toBeGreaterThan(0.1);
      expect(bestChannel.byRule.profile.customers).toBeGreaterThan(0);
      expect(bestChannel.byRule.population.customers).toBeGreaterThan(0);
    });
  });
}
