import {
  bestChannel,
  type BestChannelChoice,
  bestSendTime,
  type ChannelEngagement,
  HOURS_PER_WEEK,
  type SendTimeChoice,
  type SendTimePopulation,
  type SendTimeProfile,
} from '@meridian/learning';
import type { ProfileScore } from '@meridian/contracts';
import { z } from 'zod';
import type { EngagementIncrement } from './profile-engagement';
import type { ModelProfileDocument } from './model-profile';

export const SEND_TIME_SCORE = 'sendTime:hourOfWeek';
export const BEST_CHANNEL_SCORE_PREFIX = 'bestChannel:';

/** 2024-01-01T00:00Z was a Monday: the start of a week to search the whole week from. */
const A_MONDAY = Date.UTC(2024, 0, 1);

/**
 * A partition's engagement population: every profile's local hour-of-week engagements added
 * up, and messages received and engaged per channel. Stored as the registry's `send-time` and
 * `best-channel` versions of the partition (flat arrays and a list of objects).
 */
export const EngagementPopulationState = z.object({
  engagements: z.array(z.number().nonnegative()).length(HOURS_PER_WEEK),
  channels: z.array(
    z.object({
      channel: z.string().min(1),
      received: z.number().int().min(0),
      engaged: z.number().int().min(0),
    }),
  ),
});
export type EngagementPopulationState = z.infer<typeof EngagementPopulationState>;

export function emptyPopulation(): EngagementPopulationState {
  return { engagements: new Array<number>(HOURS_PER_WEEK).fill(0), channels: [] };
}

/** The population after one profile's increment. */
export function withIncrement(
  population: EngagementPopulationState,
  increment: EngagementIncrement,
): EngagementPopulationState {
  const engagements =
    increment.slot === null
      ? population.engagements
      : population.engagements.map((count, slot) => (slot === increment.slot ? count + 1 : count));
  if (increment.received === 0 && increment.engaged === 0) return { ...population, engagements };
  const current = population.channels.find((entry) => entry.channel === increment.channel);
  const next = {
    channel: increment.channel,
    received: (current?.received ?? 0) + increment.received,
    engaged: (current?.engaged ?? 0) + increment.engaged,
  };
  const channels = [
    ...population.channels.filter((entry) => entry.channel !== increment.channel),
    next,
  ].sort((a, b) => a.channel.localeCompare(b.channel));
  return { engagements, channels };
}

/**
 * The population without one profile's engagements, for a data-subject erasure: a profile's
 * slots and channels are exactly the increments it added. Clamped at zero (and engaged at
 * received), since a population restored from a checkpoint older than the profile's last
 * save lacks some of them; a channel left with no message is dropped, as if never seen.
 */
export function withoutProfile(
  population: EngagementPopulationState,
  profile: Pick<ModelProfileDocument, 'slots' | 'channels'>,
): EngagementPopulationState {
  const engagements = [...population.engagements];
  for (const { slot, count } of profile.slots)
    engagements[slot] = Math.max(0, (engagements[slot] ?? 0) - count);
  const channels = population.channels.flatMap((entry) => {
    const own = profile.channels.find((candidate) => candidate.channel === entry.channel);
    if (own === undefined) return [entry];
    const received = Math.max(0, entry.received - own.received);
    const engaged = Math.min(received, Math.max(0, entry.engaged - own.engaged));
    return received === 0 && engaged === 0 ? [] : [{ channel: entry.channel, received, engaged }];
  });
  return { engagements, channels };
}

export function sendTimeProfileOf(profile: ModelProfileDocument): SendTimeProfile {
  const engagements = new Array<number>(HOURS_PER_WEEK).fill(0);
  for (const { slot, count } of profile.slots) engagements[slot] = count;
  return { engagements, utcOffsetMinutes: profile.utcOffsetMinutes };
}

export function sendTimePopulationOf(population: EngagementPopulationState): SendTimePopulation {
  return { engagements: [...population.engagements] };
}

function channelEngagement(
  channels: readonly { channel: string; received: number; engaged: number }[],
): ChannelEngagement {
  return Object.fromEntries(
    // engaged ≤ received holds by construction; the clamp keeps a hand-edited document loadable.
    channels.map(({ channel, received, engaged }) => [
      channel,
      { received, engaged: Math.min(engaged, received) },
    ]),
  );
}

/** The next instant from `from` in the profile's best slot (population below 3 engagements). */
export function sendTimeOf(
  profile: ModelProfileDocument,
  population: EngagementPopulationState,
  from: number,
): SendTimeChoice {
  return bestSendTime(sendTimeProfileOf(profile), sendTimePopulationOf(population), from);
}

/** The profile's best local hour of the week over the whole week (0 = Monday 00:00). */
export function bestSlotOf(
  profile: ModelProfileDocument,
  population: EngagementPopulationState,
): SendTimeChoice {
  const monday = A_MONDAY - profile.utcOffsetMinutes * 60_000;
  return sendTimeOf(profile, population, monday);
}

/**
 * The profile's best channel: its own posterior rates when two channels have 5 messages or
 * more, else the population's best. Null while the population has no channel at all.
 */
export function bestChannelOf(
  profile: ModelProfileDocument,
  population: EngagementPopulationState,
): BestChannelChoice | null {
  const channels = channelEngagement(population.channels);
  if (Object.keys(channels).length === 0) return null;
  return bestChannel(channelEngagement(profile.channels), channels);
}

/**
 * The send-time and best-channel scores: `sendTime:hourOfWeek` = the best local slot (0-167),
 * and `bestChannel:<channel>` = 1 for the chosen channel and 0 for every other channel the
 * population has, so a change of channel overwrites the old answer on the golden record.
 */
export function engagementScores(
  profile: ModelProfileDocument,
  population: EngagementPopulationState,
): ProfileScore[] {
  const scores: ProfileScore[] = [
    { name: SEND_TIME_SCORE, value: bestSlotOf(profile, population).slot },
  ];
  const choice = bestChannelOf(profile, population);
  if (choice !== null) {
    for (const channel of Object.keys(choice.posteriorMeans).sort()) {
      scores.push({
        name: `${BEST_CHANNEL_SCORE_PREFIX}${channel}`,
        value: channel === choice.channel ? 1 : 0,
      });
    }
  }
  return scores;
}
