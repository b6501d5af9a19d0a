import { z } from 'zod';
import { activityWindowsOf } from './activity-windows';
import type { ChannelTotals, CustomerFacts } from './customer-facts';
import { epochMsOf, wholeDaysBetween, type Instant } from './instant';
import { DEFAULT_RFM_SETTINGS, type RfmSettings } from './rfm-settings';

const Count = z.number().int().min(0);
const Rate = z.number().min(0).max(1);

/**
 * Engagement RFM of one channel as of an instant:
 * - recencyDays: whole days since the last open or click (lifetime), null when never engaged;
 * - frequency: opens + clicks in the current trend window;
 * - received / opened / clicked: messages in the current window;
 * - openRate = min(1, max(opened, clicked) / received): a click proves an open (open pixels are
 *   often blocked); clickRate = min(1, clicked / received); both null without messages.
 */
export const ChannelEngagement = z.object({
  channel: z.string(),
  recencyDays: Count.nullable(),
  frequency: Count,
  received: Count,
  opened: Count,
  clicked: Count,
  openRate: Rate.nullable(),
  clickRate: Rate.nullable(),
});
export type ChannelEngagement = z.infer<typeof ChannelEngagement>;

/** Per channel the profile has ever engaged on or received from, sorted by channel. */
export function engagementOf(
  facts: CustomerFacts,
  asOf: Instant,
  settings: RfmSettings = DEFAULT_RFM_SETTINGS,
): ChannelEngagement[] {
  const now = epochMsOf(asOf, 'asOf');
  const windows = activityWindowsOf(facts, now, settings);
  return facts.channels.map((totals) => {
    const current = windows.currentByChannel.find((entry) => entry.channel === totals.channel);
    const counts = {
      received: current?.received ?? 0,
      opened: current?.opened ?? 0,
      clicked: current?.clicked ?? 0,
    };
    const lastEngagedAt = lastEngagedAtOf(totals);
    return {
      channel: totals.channel,
      recencyDays: lastEngagedAt === null ? null : wholeDaysBetween(lastEngagedAt, now),
      frequency: counts.opened + counts.clicked,
      ...counts,
      ...ratesOf(counts),
    };
  });
}

/** Open and click rates of a number of messages (see ChannelEngagement). */
export function ratesOf(counts: {
  readonly received: number;
  readonly opened: number;
  readonly clicked: number;
}): { openRate: number | null; clickRate: number | null } {
  if (counts.received === 0) return { openRate: null, clickRate: null };
  return {
    openRate: Math.min(1, Math.max(counts.opened, counts.clicked) / counts.received),
    clickRate: Math.min(1, counts.clicked / counts.received),
  };
}

/** The latest open or click on a channel, null when never engaged. */
export function lastEngagedAtOf(totals: ChannelTotals): number | null {
  const times = [totals.lastOpenedAt, totals.lastClickedAt].filter((at) => at !== null);
  return times.length === 0 ? null : Math.max(...times);
}
