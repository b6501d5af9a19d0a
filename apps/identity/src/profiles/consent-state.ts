import { CHANNELS, type JsonObject, type SegmentCall } from '@meridian/contracts';
import { normaliseConsent, unescapeKey } from '@meridian/ingest-governance';
import { z } from 'zod';

/** The latest consent a person gave or refused for one category, and which call said so. */
export const ConsentState = z.object({
  /** As the consent platform names it (Segment's category, RudderStack's consent id). */
  category: z.string().min(1),
  granted: z.boolean(),
  /** Event time of the call that said so, UTC. */
  at: z.string().min(1),
  sourceId: z.string().min(1),
});
export type ConsentState = z.infer<typeof ConsentState>;

export const SUBSCRIPTION_STATES = ['subscribed', 'unsubscribed', 'unknown'] as const;
export type SubscriptionStateName = (typeof SUBSCRIPTION_STATES)[number];

/** Whether a person may be messaged on a channel, as the latest identify said. */
export const SubscriptionState = z.object({
  channel: z.enum(CHANNELS),
  state: z.enum(SUBSCRIPTION_STATES),
  /** Event time of the identify that said so, UTC. */
  at: z.string().min(1),
  /** The source (sourceId) of that identify. */
  source: z.string().min(1),
});
export type SubscriptionState = z.infer<typeof SubscriptionState>;

/**
 * The consent categories a call carries, as ingestion read them: Segment's
 * context.consent.categoryPreferences or RudderStack's context.consentManagement. Ingestion
 * escaped the context's keys for storage, so Segment's category names (keys there) are
 * unescaped; RudderStack's (values) never were. Ingestion refuses malformed consent; a call
 * that reaches identity with it anyway (one that bypassed governance) records none, and the
 * rest of the call is applied as usual.
 */
export function consentCategoriesOf(call: SegmentCall): { category: string; granted: boolean }[] {
  const read = normaliseConsent(call.context, 'accept');
  if (!read.ok || read.consent === null) return [];
  const { source, categories } = read.consent;
  if (source !== 'segment') return categories;
  return categories.map(({ category, granted }) => ({ category: unescapeKey(category), granted }));
}

/**
 * Identify traits that say whether a person is subscribed on a channel: Braze's
 * `email_subscribe` / `push_subscribe` (and `sms_subscribe` by the same pattern), with
 * 'opted_in' / 'subscribed' / 'unsubscribed' or a boolean; and the `unsubscribed` boolean
 * many senders (Customer.io, Iterable exports) use for email. An explicit
 * `email_subscribe` wins over `unsubscribed`.
 */
const SUBSCRIBE_TRAITS = [
  { trait: 'email_subscribe', channel: 'email' },
  { trait: 'sms_subscribe', channel: 'sms' },
  { trait: 'push_subscribe', channel: 'push' },
] as const;

export function subscriptionsOfTraits(
  traits: JsonObject,
): { channel: SubscriptionState['channel']; state: SubscriptionStateName }[] {
  const found: { channel: SubscriptionState['channel']; state: SubscriptionStateName }[] = [];
  for (const { trait, channel } of SUBSCRIBE_TRAITS) {
    if (Object.hasOwn(traits, trait)) found.push({ channel, state: stateOf(traits[trait]) });
  }
  const unsubscribed = traits['unsubscribed'];
  if (typeof unsubscribed === 'boolean' && !Object.hasOwn(traits, 'email_subscribe')) {
    found.push({ channel: 'email', state: unsubscribed ? 'unsubscribed' : 'subscribed' });
  }
  return found;
}

/**
 * 'opted_in' and 'subscribed' (or true) subscribe, 'unsubscribed' and 'opted_out' (or false)
 * unsubscribe, any case; null or anything else leaves the state unknown: the sender said
 * something about the channel, and it is not a yes.
 */
function stateOf(value: unknown): SubscriptionStateName {
  if (value === true) return 'subscribed';
  if (value === false) return 'unsubscribed';
  if (typeof value !== 'string') return 'unknown';
  switch (value.trim().toLowerCase()) {
    case 'opted_in':
    case 'subscribed':
      return 'subscribed';
    case 'unsubscribed':
    case 'opted_out':
      return 'unsubscribed';
    default:
      return 'unknown';
  }
}

/**
 * `incoming` entries laid over `held`, one per key: an incoming entry replaces the held one
 * unless the held one is newer (same time: the incoming one, as for traits, so a replay
 * applies). Keys only in `incoming` are appended. Returns `held` itself when nothing changed.
 */
export function newestPerKey<Entry extends { readonly at: string }>(
  held: Entry[],
  incoming: readonly Entry[],
  keyOf: (entry: Entry) => string,
  same: (a: Entry, b: Entry) => boolean,
): Entry[] {
  let result: Entry[] | null = null;
  for (const entry of incoming) {
    const current: Entry[] = result ?? held;
    const index = current.findIndex((candidate) => keyOf(candidate) === keyOf(entry));
    const existing = index === -1 ? undefined : current[index];
    if (existing !== undefined && (existing.at > entry.at || same(existing, entry))) continue;
    result = [...current];
    if (existing === undefined) result.push(entry);
    else result[index] = entry;
  }
  return result ?? held;
}

export const consentKey = (entry: ConsentState) => entry.category;
export const sameConsent = (a: ConsentState, b: ConsentState) =>
  a.granted === b.granted && a.at === b.at && a.sourceId === b.sourceId;
export const subscriptionKey = (entry: SubscriptionState) => entry.channel;
export const sameSubscription = (a: SubscriptionState, b: SubscriptionState) =>
  a.state === b.state && a.at === b.at && a.source === b.source;
