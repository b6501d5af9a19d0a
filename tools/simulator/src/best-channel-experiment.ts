import { bestChannel, type ChannelEngagement } from '@meridian/learning';
import { CHANNELS, type Channel } from './preferences';
import { SeededRandom } from '@meridian/random';
import type { World } from './world';

export interface BestChannelConfig {
  /** Mean messages received per reachable channel in the history (Poisson). */
  readonly historyMessages: Readonly<Record<Channel, number>>;
  readonly minMessagesPerChannel: number;
}

export const DEFAULT_BEST_CHANNEL_CONFIG: BestChannelConfig = {
  historyMessages: { email: 20, push: 10, sms: 6 },
  minMessagesPerChannel: 5,
};

export interface RuleAccuracy {
  readonly customers: number;
  /** Share of these customers for whom the answer is their true best reachable channel. */
  readonly accuracy: number;
}

export interface BestChannelReport {
  readonly config: BestChannelConfig;
  readonly customers: number;
  readonly accuracy: number;
  readonly byRule: { readonly profile: RuleAccuracy; readonly population: RuleAccuracy };
  /** Mean true engagement chance of one message on the channel chosen by each policy. */
  readonly engagement: {
    readonly model: number;
    readonly fixed: number;
    readonly oracle: number;
  };
  /** The fixed baseline: the population's best channel, or the next best reachable one. */
  readonly fixedChannel: string;
  readonly fixedAccuracy: number;
  readonly liftOverFixed: number;
}

/**
 * History: every customer received a Poisson number of messages on each reachable channel and
 * engaged with each at their true rate for that channel. The model then names a channel per
 * customer; it is scored against the true best reachable channel and by the true engagement
 * of one more message there, next to always using the population's best channel.
 */
export function runBestChannelExperiment(
  world: World,
  config: BestChannelConfig,
  seed: number,
): BestChannelReport {
  const random = new SeededRandom(seed).fork(30);
  const population: Record<string, { received: number; engaged: number }> = {};
  for (const channel of CHANNELS) population[channel] = { received: 0, engaged: 0 };
  const histories = world.customers.map(({ channels }) => {
    const history: ChannelEngagement = {};
    for (const channel of channels.reachable) {
      const received = random.poisson(config.historyMessages[channel]);
      const engaged = random.binomial(received, channels.rates[channel]);
      history[channel] = { received, engaged };
      const total = population[channel] ?? { received: 0, engaged: 0 };
      population[channel] = {
        received: total.received + received,
        engaged: total.engaged + engaged,
      };
    }
    return history;
  });
  const tally = {
    profile: { customers: 0, correct: 0 },
    population: { customers: 0, correct: 0 },
    model: 0,
    fixed: 0,
    fixedCorrect: 0,
    oracle: 0,
  };
  world.customers.forEach(({ channels }, c) => {
    const reachable = [...channels.reachable];
    const options = { minMessagesPerChannel: config.minMessagesPerChannel, reachable };
    const choice = bestChannel(histories[c] ?? {}, population, options);
    const fixed = bestChannel({}, population, options).channel;
    const rule = tally[choice.rule];
    rule.customers++;
    if (choice.channel === channels.best) rule.correct++;
    if (fixed === channels.best) tally.fixedCorrect++;
    tally.model += rateOf(channels.rates, choice.channel);
    tally.fixed += rateOf(channels.rates, fixed);
    tally.oracle += channels.rates[channels.best];
  });
  const n = world.customers.length;
  const accuracy = (r: { customers: number; correct: number }): RuleAccuracy => ({
    customers: r.customers,
    accuracy: r.customers > 0 ? r.correct / r.customers : 0,
  });
  return {
    config,
    customers: n,
    accuracy: (tally.profile.correct + tally.population.correct) / n,
    byRule: { profile: accuracy(tally.profile), population: accuracy(tally.population) },
    engagement: { model: tally.model / n, fixed: tally.fixed / n, oracle: tally.oracle / n },
    fixedChannel: bestChannel({}, population).channel,
    fixedAccuracy: tally.fixedCorrect / n,
    liftOverFixed: tally.model / tally.fixed - 1,
  };
}

function rateOf(rates: Readonly<Record<Channel, number>>, channel: string): number {
  const known = CHANNELS.find((candidate) => candidate === channel);
  if (known === undefined) throw new RangeError(`unknown channel ${channel}`);
  return rates[known];
}
