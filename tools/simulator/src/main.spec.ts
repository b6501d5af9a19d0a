import { parseSimulatorArgs } from './main';
import { formatReport } from './report';
import { runSimulation } from './simulation';

describe('parseSimulatorArgs', () => {
  it('reads the seed, the world size and the output mode', () => {
    expect(
      parseSimulatorArgs(['--seed', '3', '--customers', '100', '--days', '2', '--json']),
    ).toEqual({
      options: { seed: 3, customers: 100, nba: { days: 2 } },
      jsonOnly: true,
    });
    expect(parseSimulatorArgs([])).toEqual({
      options: { seed: 1, customers: undefined },
      jsonOnly: false,
    });
  });

  it('rejects unknown options and missing values with the usage', () => {
    expect(() => parseSimulatorArgs(['--seed'])).toThrow(/--seed needs an integer/);
    expect(() => parseSimulatorArgs(['--customers', '0'])).toThrow(/needs an integer/);
    expect(() => parseSimulatorArgs(['--speed', '3'])).toThrow(
      /unknown option --speed[\s\S]*usage/,
    );
  });
});

describe('formatReport', () => {
  it('prints every policy, both send-time horizons and the targets', () => {
    const text = formatReport(
      runSimulation({
        seed: 2,
        customers: 200,
        nba: { days: 1, decisionsPerHour: 20 },
        propensity: false,
      }),
    );
    for (const line of [
      'oracle',
      'bandit',
      'reallocation twice a day',
      'random',
      '24 h',
      '168 h',
    ]) {
      expect(text).toContain(line);
    }
    expect(text).toMatch(/(met |MISS) {2}NBA bandit ÷ oracle reward/);
    expect(text).toContain('Propensity: not included, left out by the options');
  });
});
