import {
  DEFAULT_BEST_CHANNEL_CONFIG,
  runBestChannelExperiment,
  type BestChannelConfig,
  type BestChannelReport,
} from './best-channel-experiment';
import {
  DEFAULT_NBA_CONFIG,
  runNbaExperiment,
  type NbaConfig,
  type NbaReport,
} from './nba-experiment';
import {
  runPropensityExperiment,
  TARGET_AUC_GAP,
  type PropensityExperimentOptions,
  type PropensityReport,
} from './propensity';
import {
  DEFAULT_SEND_TIME_CONFIG,
  runSendTimeExperiment,
  type SendTimeConfig,
  type SendTimeReport,
} from './send-time-experiment';
import { createWorld } from './world';

/** The targets for the models, checked on every report. */
export const SIMULATION_TARGETS = {
  banditShareOfOracle: 0.9,
  sendTimeLiftOverRandom: 0.2,
  /** The send-time target is checked for sends that may be delayed up to this long. */
  sendTimeHorizonHours: 24,
} as const;

export interface SimulationOptions {
  readonly seed: number;
  readonly customers?: number;
  /** Share of customers without engagement history. */
  readonly newCustomerShare?: number;
  readonly nba?: Partial<NbaConfig>;
  readonly sendTime?: Partial<SendTimeConfig>;
  readonly bestChannel?: Partial<BestChannelConfig>;
  /** The propensity experiment's own world and sizes; false leaves it out. */
  readonly propensity?: Omit<PropensityExperimentOptions, 'seed'> | false;
}

/** A target of the issue: met when `actual` ≥ `atLeast`, or ≤ `atMost`. */
export interface SimulationTarget {
  readonly name: string;
  readonly actual: number;
  readonly atLeast?: number;
  readonly atMost?: number;
  readonly met: boolean;
}

/** The propensity experiment (tools/simulator/src/propensity), or why it is not in the report. */
export type PropensitySection =
  | { readonly included: true; readonly report: PropensityReport }
  | { readonly included: false; readonly note: string };

export interface SimulationReport {
  readonly seed: number;
  readonly customers: number;
  readonly nba: NbaReport;
  readonly sendTime: SendTimeReport;
  readonly bestChannel: BestChannelReport;
  readonly propensity: PropensitySection;
  readonly targets: readonly SimulationTarget[];
}

export const DEFAULT_CUSTOMERS = 5000;

/**
 * One simulated world (fixed by the seed) and the three experiments on it. Deterministic:
 * the same options give the same report, figure for figure.
 */
export function runSimulation(options: SimulationOptions): SimulationReport {
  const { seed } = options;
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const world = createWorld({
    seed,
    customers: options.customers ?? DEFAULT_CUSTOMERS,
    newCustomerShare: options.newCustomerShare ?? 0.15,
  });
  const nba = runNbaExperiment(world, { ...DEFAULT_NBA_CONFIG, ...options.nba }, seed);
  const sendTime = runSendTimeExperiment(
    world,
    { ...DEFAULT_SEND_TIME_CONFIG, ...options.sendTime },
    seed,
  );
  const propensity: PropensitySection =
    options.propensity === false
      ? { included: false, note: 'left out by the options (propensity: false)' }
      : { included: true, report: runPropensityExperiment({ ...options.propensity, seed }) };
  const bestChannel = runBestChannelExperiment(
    world,
    { ...DEFAULT_BEST_CHANNEL_CONFIG, ...options.bestChannel },
    seed,
  );
  return {
    seed,
    customers: world.customers.length,
    nba,
    sendTime,
    bestChannel,
    propensity,
    targets: simulationTargets(nba, sendTime, propensity),
  };
}

function simulationTargets(
  nba: NbaReport,
  sendTime: SendTimeReport,
  propensity: PropensitySection,
): SimulationTarget[] {
  const horizon = sendTime.horizons.find(
    (result) => result.horizonHours === SIMULATION_TARGETS.sendTimeHorizonHours,
  );
  const target = (name: string, actual: number, atLeast: number): SimulationTarget => ({
    name,
    actual,
    atLeast,
    met: actual >= atLeast,
  });
  const propensityTargets: SimulationTarget[] = propensity.included
    ? [
        {
          name: 'propensity AUC gap to the oracle',
          actual: propensity.report.aucGap,
          atMost: TARGET_AUC_GAP,
          met: propensity.report.aucGap <= TARGET_AUC_GAP,
        },
      ]
    : [];
  return [
    target(
      'NBA bandit ÷ oracle reward',
      nba.banditToOracle,
      SIMULATION_TARGETS.banditShareOfOracle,
    ),
    target(
      `send-time lift over random hours (within ${SIMULATION_TARGETS.sendTimeHorizonHours} h)`,
      horizon?.liftOverRandom ?? Number.NaN,
      SIMULATION_TARGETS.sendTimeLiftOverRandom,
    ),
    ...propensityTargets,
  ];
}
