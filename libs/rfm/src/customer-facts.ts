import { z } from 'zod';
import {
  addToBucket,
  Channel,
  compareEngagementWeeks,
  compareOrderWeeks,
  compareText,
  EngagementWeek,
  OrderWeek,
  pruneWeeks,
  retentionHorizon,
} from './activity-series';
import { EpochMs, epochMsOf, weekStartOf, type Instant } from './instant';
import { DEFAULT_RFM_SETTINGS, type RfmSettings } from './rfm-settings';

const Count = z.number().int().min(0);
const OrderId = z.string().min(1).max(200);

/** Lifetime engagement on one channel: what Zombies ("used to engage") and recency read. */
export const ChannelTotals = z.object({
  channel: Channel,
  received: Count,
  opened: Count,
  clicked: Count,
  lastReceivedAt: EpochMs.nullable(),
  lastOpenedAt: EpochMs.nullable(),
  lastClickedAt: EpochMs.nullable(),
});
export type ChannelTotals = z.infer<typeof ChannelTotals>;

/**
 * What the RFM of one profile is computed from. Plain JSON for a MongoDB document: instants in
 * epoch ms, money in integer cents, arrays of strings or of small objects only, every array
 * sorted so the same events give the same document whatever their arrival order.
 */
export const CustomerFacts = z
  .object({
    /** Distinct orderIds of Order Completed, sorted: frequency is their number. */
    orderIds: z.array(OrderId),
    firstOrderAt: EpochMs.nullable(),
    /** Event time of the latest Order Completed: recency is measured from it. */
    lastOrderAt: EpochMs.nullable(),
    /** Σ revenue of the counted completions, integer cents. */
    completedCents: z.number().int(),
    /** Σ revenue of every Order Refunded, integer cents (a refund is ≥ 0). */
    refundedCents: Count,
    refunds: Count,
    /** Latest event time applied, of any kind: the weekly series keeps two windows before it. */
    latestEventAt: EpochMs.nullable(),
    orderWeeks: z.array(OrderWeek),
    /** Lifetime totals per channel, sorted by channel. */
    channels: z.array(ChannelTotals),
    engagementWeeks: z.array(EngagementWeek),
  })
  .superRefine((facts, ctx) => {
    facts.orderIds.forEach((id, index) => {
      const previous = facts.orderIds[index - 1];
      if (previous !== undefined && compareText(previous, id) >= 0) {
        ctx.addIssue({ code: 'custom', path: ['orderIds', index], message: 'not sorted/distinct' });
      }
    });
  });
export type CustomerFacts = z.infer<typeof CustomerFacts>;

/** An Order Completed or Order Refunded, as far as RFM is concerned. */
export interface OrderEvent {
  readonly orderId: string;
  /** In currency units (139.13); the service passes 0 when the event has no revenue. */
  readonly revenue: number;
  /** Event time. */
  readonly at: Instant;
}

export type EngagementKind = 'received' | 'opened' | 'clicked';

/** A message received (sent and delivered), opened or clicked on a channel. */
export interface EngagementEvent {
  readonly channel: string;
  readonly kind: EngagementKind;
  readonly at: Instant;
}

export function emptyCustomerFacts(): CustomerFacts {
  return {
    orderIds: [],
    firstOrderAt: null,
    lastOrderAt: null,
    completedCents: 0,
    refundedCents: 0,
    refunds: 0,
    latestEventAt: null,
    orderWeeks: [],
    channels: [],
    engagementWeeks: [],
  };
}

/**
 * Counts a completed order once per orderId: a completion whose orderId is already counted
 * returns `facts` itself, unchanged (the first revenue of an orderId wins).
 */
export function applyOrderCompleted(
  facts: CustomerFacts,
  event: OrderEvent,
  settings: RfmSettings = DEFAULT_RFM_SETTINGS,
): CustomerFacts {
  const orderId = orderIdOf(event.orderId);
  const at = epochMsOf(event.at, 'at');
  const cents = centsOf(event.revenue);
  const index = sortedIndexOf(facts.orderIds, orderId);
  if (facts.orderIds[index] === orderId) return facts;
  const orderIds = [...facts.orderIds];
  orderIds.splice(index, 0, orderId);
  const counted: CustomerFacts = {
    ...facts,
    orderIds,
    firstOrderAt: facts.firstOrderAt === null ? at : Math.min(facts.firstOrderAt, at),
    lastOrderAt: facts.lastOrderAt === null ? at : Math.max(facts.lastOrderAt, at),
    completedCents: safeSum(facts.completedCents, cents),
  };
  return withOrderWeek(counted, at, 1, cents, settings);
}

/**
 * Subtracts a refund from monetary. Not deduplicated here: the service drops redelivered events
 * by event id, and two refunds of one order with different event ids are two refunds.
 */
export function applyOrderRefunded(
  facts: CustomerFacts,
  event: OrderEvent,
  settings: RfmSettings = DEFAULT_RFM_SETTINGS,
): CustomerFacts {
  orderIdOf(event.orderId);
  const at = epochMsOf(event.at, 'at');
  const cents = centsOf(event.revenue);
  if (cents < 0) throw new RangeError(`revenue: a refund gives back an amount ≥ 0, not ${cents}`);
  const refunded: CustomerFacts = {
    ...facts,
    refundedCents: safeSum(facts.refundedCents, cents),
    refunds: facts.refunds + 1,
  };
  return withOrderWeek(refunded, at, 0, -cents, settings);
}

/**
 * Counts a message received, opened or clicked. Rates divide opens and clicks by messages
 * received, so the service should pass the first open and the first click of each message only.
 */
export function applyEngagement(
  facts: CustomerFacts,
  event: EngagementEvent,
  settings: RfmSettings = DEFAULT_RFM_SETTINGS,
): CustomerFacts {
  const parsedChannel = Channel.safeParse(event.channel);
  if (!parsedChannel.success) {
    throw new RangeError(`channel: a name of 1 to 64 characters, not "${String(event.channel)}"`);
  }
  const channel = parsedChannel.data;
  const at = epochMsOf(event.at, 'at');
  const kind = kindOf(event.kind);
  const counts = {
    received: kind === 'received' ? 1 : 0,
    opened: kind === 'opened' ? 1 : 0,
    clicked: kind === 'clicked' ? 1 : 0,
  };
  const channels = addToBucket(
    facts.channels,
    { channel, received: 0, opened: 0, clicked: 0, ...NO_TOTALS },
    (a, b) => compareText(a.channel, b.channel),
    (totals) => withEngagementTotals(totals, kind, at),
  );
  const latestEventAt = laterOf(facts.latestEventAt, at);
  const horizon = retentionHorizon(latestEventAt, settings);
  const weekStart = weekStartOf(at);
  const engagementWeeks =
    weekStart < horizon
      ? facts.engagementWeeks
      : addToBucket(
          facts.engagementWeeks,
          { weekStart, channel, received: 0, opened: 0, clicked: 0 },
          compareEngagementWeeks,
          (week) => ({
            ...week,
            received: week.received + counts.received,
            opened: week.opened + counts.opened,
            clicked: week.clicked + counts.clicked,
          }),
        );
  return {
    ...facts,
    channels,
    latestEventAt,
    orderWeeks: pruneWeeks(facts.orderWeeks, horizon),
    engagementWeeks: pruneWeeks(engagementWeeks, horizon),
  };
}

const NO_TOTALS = { lastReceivedAt: null, lastOpenedAt: null, lastClickedAt: null };

function withEngagementTotals(totals: ChannelTotals, kind: EngagementKind, at: number) {
  switch (kind) {
    case 'received':
      return {
        ...totals,
        received: totals.received + 1,
        lastReceivedAt: laterOf(totals.lastReceivedAt, at),
      };
    case 'opened':
      return {
        ...totals,
        opened: totals.opened + 1,
        lastOpenedAt: laterOf(totals.lastOpenedAt, at),
      };
    case 'clicked':
      return {
        ...totals,
        clicked: totals.clicked + 1,
        lastClickedAt: laterOf(totals.lastClickedAt, at),
      };
  }
}

/** Books an order or a refund in its week, and prunes the weeks two windows behind. */
function withOrderWeek(
  facts: CustomerFacts,
  at: number,
  orders: number,
  netCents: number,
  settings: RfmSettings,
): CustomerFacts {
  const latestEventAt = laterOf(facts.latestEventAt, at);
  const horizon = retentionHorizon(latestEventAt, settings);
  const weekStart = weekStartOf(at);
  const orderWeeks =
    weekStart < horizon
      ? facts.orderWeeks
      : addToBucket(
          facts.orderWeeks,
          { weekStart, orders: 0, netCents: 0 },
          compareOrderWeeks,
          (week) => ({
            ...week,
            orders: week.orders + orders,
            netCents: safeSum(week.netCents, netCents),
          }),
        );
  return {
    ...facts,
    latestEventAt,
    orderWeeks: pruneWeeks(orderWeeks, horizon),
    engagementWeeks: pruneWeeks(facts.engagementWeeks, horizon),
  };
}

function laterOf(current: number | null, at: number): number {
  return current === null ? at : Math.max(current, at);
}

function orderIdOf(orderId: unknown): string {
  const parsed = OrderId.safeParse(orderId);
  if (!parsed.success) {
    throw new RangeError(
      `orderId: a string of 1 to 200 characters, not ${JSON.stringify(orderId)}`,
    );
  }
  return parsed.data;
}

function kindOf(kind: unknown): EngagementKind {
  if (kind === 'received' || kind === 'opened' || kind === 'clicked') return kind;
  throw new RangeError(`kind: 'received', 'opened' or 'clicked', not ${JSON.stringify(kind)}`);
}

/** Revenue in currency units → integer cents, rounded half away from zero. */
export function centsOf(revenue: number): number {
  if (!Number.isFinite(revenue)) throw new RangeError(`revenue: not a finite number: ${revenue}`);
  const cents = Math.sign(revenue) * Math.round(Math.abs(revenue) * 100);
  if (!Number.isSafeInteger(cents)) throw new RangeError(`revenue: out of range: ${revenue}`);
  return cents || 0;
}

function safeSum(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new RangeError(`revenue: total out of range: ${sum}`);
  return sum;
}

function sortedIndexOf(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const item = sorted[middle];
    if (item !== undefined && compareText(item, value) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
