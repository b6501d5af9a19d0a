import { MESSAGE_STATUSES, type Channel, type MessageStatus } from '@meridian/contracts';
import type { ChannelEngagement } from './profile.model';

/** Every message status has a counter per channel. */
export const ENGAGEMENT_COUNTERS = MESSAGE_STATUSES;

/** A channel's counters, all zero. */
export function noEngagement(channel: Channel): ChannelEngagement {
  return {
    channel,
    requested: 0,
    sent: 0,
    delivered: 0,
    opened: 0,
    clicked: 0,
    skipped: 0,
    failed: 0,
  };
}

/** The counters with one more `status` on `channel` (a channel seen first is appended). */
export function countEngagement(
  engagement: readonly ChannelEngagement[],
  channel: Channel,
  status: MessageStatus,
): ChannelEngagement[] {
  const current = engagement.find((counters) => counters.channel === channel);
  const bumped = { ...(current ?? noEngagement(channel)) };
  bumped[status] += 1;
  if (current === undefined) return [...engagement, bumped];
  return engagement.map((counters) => (counters.channel === channel ? bumped : counters));
}

/**
 * The counters of `held` combined channel by channel and counter by counter with those of
 * `other` (a merge adds them; an unmerge can subtract them). Channels only `other` has are
 * combined with zero counters and appended.
 */
export function combineEngagement(
  held: readonly ChannelEngagement[],
  other: readonly ChannelEngagement[],
  combine: (held: number, other: number) => number,
): ChannelEngagement[] {
  const channels = [...new Set([...held, ...other].map((counters) => counters.channel))];
  return channels.map((channel) => {
    const a = held.find((counters) => counters.channel === channel) ?? noEngagement(channel);
    const b = other.find((counters) => counters.channel === channel) ?? noEngagement(channel);
    const combined = noEngagement(channel);
    for (const counter of ENGAGEMENT_COUNTERS) combined[counter] = combine(a[counter], b[counter]);
    return combined;
  });
}
