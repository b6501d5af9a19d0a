import { z } from 'zod';

export const ChannelCounts = z
  .object({
    received: z.number().int().nonnegative(),
    engaged: z.number().int().nonnegative(),
  })
  .refine((counts) => counts.engaged <= counts.received, {
    message: 'engaged must not exceed received',
    path: ['engaged'],
  });
export type ChannelCounts = z.infer<typeof ChannelCounts>;

/** Messages received and engaged with, per channel ("email", "push", "sms", …). */
export const ChannelEngagement = z.record(z.string().min(1), ChannelCounts);
export type ChannelEngagement = z.infer<typeof ChannelEngagement>;

export const BestChannelOptions = z.object({
  /** A channel counts as measured for the profile from this many received messages. */
  minMessagesPerChannel: z.number().int().min(1).default(5),
  /** Pseudo-messages of the population's rate in each channel's Beta prior. */
  priorStrength: z.number().positive().default(10),
  /** Channels the profile can be reached on; default: every channel the population has. */
  reachable: z.array(z.string().min(1)).min(1).optional(),
});
export type BestChannelOptions = z.infer<typeof BestChannelOptions>;

export interface BestChannelChoice {
  readonly channel: string;
  /**
   * 'profile': at least two channels had enough messages, the best posterior among them won;
   * 'population': too little evidence, the population's best reachable channel answered.
   */
  readonly rule: 'profile' | 'population';
  /** Posterior mean engagement rate per reachable channel (the population rate when unmeasured). */
  readonly posteriorMeans: Readonly<Record<string, number>>;
  /** The reachable channels with at least minMessagesPerChannel received messages. */
  readonly measuredChannels: readonly string[];
}

/**
 * The population's engagement rate per channel, engaged ÷ received with one pseudo-message
 * each way (Beta(1, 1)) so that an empty channel is 50 % rather than undefined.
 */
export function populationRates(population: ChannelEngagement): Record<string, number> {
  const parsed = ChannelEngagement.parse(population);
  return Object.fromEntries(
    Object.entries(parsed).map(([channel, c]) => [channel, (c.engaged + 1) / (c.received + 2)]),
  );
}

/**
 * The channel a profile is most likely to engage on. Each channel's rate has a Beta prior
 * centred on the population's rate p with `priorStrength` κ pseudo-messages, so its posterior
 * mean is (engaged + κp) ÷ (received + κ). Only when at least two reachable channels have
 * `minMessagesPerChannel` messages does the profile's own evidence decide, among those
 * channels; otherwise the population's best reachable channel answers. Ties go to the channel
 * name that sorts first, so the answer is deterministic.
 */
export function bestChannel(
  profile: ChannelEngagement,
  population: ChannelEngagement,
  options: z.input<typeof BestChannelOptions> = {},
): BestChannelChoice {
  const counts = ChannelEngagement.parse(profile);
  const { minMessagesPerChannel, priorStrength, reachable } = BestChannelOptions.parse(options);
  const rates = populationRates(population);
  const channels = [...new Set(reachable ?? Object.keys(rates))].sort();
  if (channels.length === 0) throw new RangeError('no channel: the population has none');
  const posteriorMeans: Record<string, number> = {};
  for (const channel of channels) {
    const prior = rates[channel] ?? 0.5;
    const own = counts[channel] ?? { received: 0, engaged: 0 };
    posteriorMeans[channel] =
      (own.engaged + priorStrength * prior) / (own.received + priorStrength);
  }
  const measuredChannels = channels.filter(
    (channel) => (counts[channel]?.received ?? 0) >= minMessagesPerChannel,
  );
  if (measuredChannels.length >= 2) {
    return {
      channel: argmax(measuredChannels, posteriorMeans),
      rule: 'profile',
      posteriorMeans,
      measuredChannels,
    };
  }
  return {
    channel: argmax(channels, Object.fromEntries(channels.map((c) => [c, rates[c] ?? 0.5]))),
    rule: 'population',
    posteriorMeans,
    measuredChannels,
  };
}

function argmax(channels: readonly string[], values: Readonly<Record<string, number>>): string {
  let best = channels[0];
  for (const channel of channels) {
    if ((values[channel] ?? 0) > (values[best ?? ''] ?? 0)) best = channel;
  }
  if (best === undefined) throw new RangeError('no channel to choose from');
  return best;
}
