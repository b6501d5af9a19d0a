import {
  partitionKeyOf,
  partitionOf,
  subjects,
  type AcceptedCallEntry,
  type CallAcceptedV2,
  type SegmentCall,
} from '@meridian/contracts';
import type { OutgoingMessage } from '@meridian/messaging';

/**
 * The identity benchmark's load: calls of a population of people as ingestion would have put
 * them on INGEST (CallAcceptedV2 batches, one per partition of each request). Pure, so the
 * mix can be checked by a unit spec; the benchmark publishes what it returns.
 */

export const BENCH_IDENTITY_WORKSPACE = { workspaceId: 'ws_bench', sourceId: 'src_bench' } as const;

/**
 * How a person shows up, 4 in 10 known, 2 each of the others:
 * - `known`: identifies at once (userId, device, email), then browses signed in;
 * - `firstLogin`: browses anonymously, then signs up: the login identify names the device,
 *   whose profile lives on the device's partition, so it and every later call of the person's
 *   userId are routed there;
 * - `newDevice`: was identified before (userId, email), browses anonymously on a new device,
 *   then logs in: two profiles of one person, merged;
 * - `anonymous`: never identifies.
 */
export const PERSON_KINDS = ['known', 'firstLogin', 'newDevice', 'anonymous'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];

export function personKindOf(index: number): PersonKind {
  const slot = index % 10;
  if (slot < 4) return 'known';
  if (slot < 6) return 'firstLogin';
  if (slot < 8) return 'newDevice';
  return 'anonymous';
}

/** Which of the person's ids a call carries: the userId, a device's anonymousId, or both. */
type Who = 'user' | 'device1' | 'device2' | 'user+device1' | 'user+device2';

type Step =
  | { readonly type: 'identify'; readonly who: Who }
  | { readonly type: 'track'; readonly who: Who; readonly event: string }
  | { readonly type: 'page'; readonly who: Who; readonly name: string };

const identify = (who: Who): Step => ({ type: 'identify', who });
const track = (who: Who, event: string): Step => ({ type: 'track', who, event });
const page = (who: Who, name: string): Step => ({ type: 'page', who, name });

/** What each kind of person does, in order. */
export const SCRIPTS: Readonly<Record<PersonKind, readonly Step[]>> = {
  known: [
    identify('user+device1'),
    track('user', 'Product Viewed'),
    page('user', 'Pricing'),
    track('user', 'Product Viewed'),
    track('user', 'Order Completed'),
  ],
  firstLogin: [
    page('device1', 'Home'),
    track('device1', 'Product Viewed'),
    page('device1', 'Pricing'),
    identify('user+device1'),
    track('user', 'Signed Up'),
    page('user', 'Dashboard'),
  ],
  newDevice: [
    identify('user'),
    page('device2', 'Home'),
    page('device2', 'Pricing'),
    identify('user+device2'),
    track('user+device2', 'Order Completed'),
    page('user+device2', 'Dashboard'),
  ],
  anonymous: [
    page('device1', 'Home'),
    page('device1', 'Blog'),
    track('device1', 'Newsletter Viewed'),
    page('device1', 'Pricing'),
  ],
};

export interface IdentityLoadOptions {
  /** Makes call ids unique across runs; letters and digits. */
  readonly runId: string;
  readonly people: number;
  readonly partitions: number;
  /** Calls of one ingestion request: its calls of each partition become one INGEST message. */
  readonly callsPerRequest: number;
  /**
   * People whose calls are interleaved (round by round: everyone's first call, then everyone's
   * second, …) in one stretch of the stream; the stretches follow each other. Every stretch
   * has the whole mix, so any window of the stream has it, and a person's calls are far apart,
   * as they are in real traffic.
   */
  readonly cohort: number;
  /** Event time of the first call; each next call is 10 ms later. */
  readonly startAt: Date;
}

/** One ingestion request's calls: one INGEST message per partition they fall on. */
export interface LoadRequest {
  readonly calls: number;
  /** Subjects relative (`ingest.<partition>`). */
  readonly messages: readonly OutgoingMessage[];
}

export interface IdentityLoad {
  /** In publishing order. */
  readonly requests: readonly LoadRequest[];
  readonly calls: number;
  /** INGEST messages of all requests. */
  readonly messages: number;
  readonly people: Readonly<Record<PersonKind, number>>;
  readonly callTypes: Readonly<Record<Step['type'], number>>;
}

interface ScheduledCall {
  readonly person: number;
  readonly step: Step;
}

/** Every person's calls in stream order (see `cohort`), then batched per request and partition. */
export function identityLoad(options: IdentityLoadOptions): IdentityLoad {
  for (const [name, value] of Object.entries({
    people: options.people,
    partitions: options.partitions,
    callsPerRequest: options.callsPerRequest,
    cohort: options.cohort,
  })) {
    if (!Number.isInteger(value) || value < 1)
      throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  if (!/^[A-Za-z0-9]{1,40}$/.test(options.runId))
    throw new RangeError(`runId must be 1-40 letters or digits, got "${options.runId}"`);
  const scheduled = schedule(options.people, options.cohort);
  const entries = scheduled.map((call, sequence) => entryOf(call, sequence, options));
  const requests: LoadRequest[] = [];
  for (let first = 0; first < entries.length; first += options.callsPerRequest) {
    const calls = entries.slice(first, first + options.callsPerRequest);
    const messages = batchesOf(calls, first / options.callsPerRequest, options);
    requests.push({ calls: calls.length, messages });
  }
  const people: Record<PersonKind, number> = {
    known: 0,
    firstLogin: 0,
    newDevice: 0,
    anonymous: 0,
  };
  for (let person = 0; person < options.people; person += 1) people[personKindOf(person)] += 1;
  const callTypes = { identify: 0, track: 0, page: 0 };
  for (const { step } of scheduled) callTypes[step.type] += 1;
  const messages = requests.reduce((sum, request) => sum + request.messages.length, 0);
  return { requests, calls: entries.length, messages, people, callTypes };
}

function schedule(people: number, cohort: number): ScheduledCall[] {
  const longest = Math.max(...Object.values(SCRIPTS).map((script) => script.length));
  const scheduled: ScheduledCall[] = [];
  for (let start = 0; start < people; start += cohort) {
    const end = Math.min(people, start + cohort);
    for (let round = 0; round < longest; round += 1) {
      for (let person = start; person < end; person += 1) {
        const step = SCRIPTS[personKindOf(person)][round];
        if (step !== undefined) scheduled.push({ person, step });
      }
    }
  }
  return scheduled;
}

interface PartitionedEntry {
  readonly partition: number;
  readonly entry: AcceptedCallEntry;
}

/** The person's ids a call carries, as ingestion hands them on. */
export function idsOf(person: number, who: Who): { userId?: string; anonymousId?: string } {
  const userId = `user-${person}`;
  const device = (n: number) => `anon-${person}-${n}`;
  switch (who) {
    case 'user':
      return { userId };
    case 'device1':
      return { anonymousId: device(1) };
    case 'device2':
      return { anonymousId: device(2) };
    case 'user+device1':
      return { userId, anonymousId: device(1) };
    case 'user+device2':
      return { userId, anonymousId: device(2) };
  }
}

function entryOf(
  scheduled: ScheduledCall,
  sequence: number,
  options: IdentityLoadOptions,
): PartitionedEntry {
  const { person, step } = scheduled;
  const id = `${options.runId}-${sequence}`;
  const at = new Date(options.startAt.getTime() + sequence * 10).toISOString();
  const ids = idsOf(person, step.who);
  const base = {
    messageId: id,
    ...ids,
    context: contextOf(person, step),
    integrations: {},
    timestamp: at,
    originalTimestamp: at,
    sentAt: at,
    receivedAt: at,
  };
  let call: SegmentCall;
  if (step.type === 'identify') call = { ...base, type: 'identify', traits: traitsOf(person) };
  else if (step.type === 'track')
    call = { ...base, type: 'track', event: step.event, properties: propertiesOf(person, step) };
  else
    call = {
      ...base,
      type: 'page',
      name: step.name,
      properties: { path: pathOf(step.name), title: `${step.name} | Meridian` },
    };
  return { partition: partitionOf(partitionKeyOf(ids), options.partitions), entry: { id, call } };
}

/** One CallAcceptedV2 per partition of the request, in the order of each partition's first call. */
function batchesOf(
  request: readonly PartitionedEntry[],
  requestIndex: number,
  options: IdentityLoadOptions,
): OutgoingMessage[] {
  const byPartition = new Map<number, AcceptedCallEntry[]>();
  for (const { partition, entry } of request) {
    const group = byPartition.get(partition);
    if (group === undefined) byPartition.set(partition, [entry]);
    else group.push(entry);
  }
  return [...byPartition].map(([partition, calls]) => {
    const [first] = calls;
    if (first === undefined) throw new RangeError(`no call for partition ${partition}`);
    const id = `${options.runId}-r${requestIndex}-p${partition}`;
    const event: CallAcceptedV2 = {
      id,
      type: 'call.accepted',
      version: 2,
      workspaceId: BENCH_IDENTITY_WORKSPACE.workspaceId,
      occurredAt: first.call.timestamp,
      receivedAt: first.call.receivedAt,
      correlationId: id,
      causationId: null,
      payload: { partition, sourceId: BENCH_IDENTITY_WORKSPACE.sourceId, calls },
    };
    return { subject: subjects.ingest(partition), event };
  });
}

/** The traits a CRM or sign-up form sends: a dozen, one of them nested. */
export function traitsOf(person: number): Record<string, unknown> {
  return {
    email: `user${person}@example.com`,
    firstName: `First${person}`,
    lastName: `Last${person}`,
    plan: ['free', 'pro', 'team', 'enterprise'][person % 4],
    seats: (person % 50) + 1,
    company: { name: `Company ${person % 1_000}`, industry: 'software' },
    createdAt: '2025-01-01T10:00:00.000Z',
    marketingOptIn: person % 2 === 0,
    country: ['NO', 'DE', 'US', 'FR'][person % 4],
    tags: ['bench', `cohort-${person % 10}`],
  };
}

function propertiesOf(person: number, step: { readonly event: string }): Record<string, unknown> {
  if (step.event === 'Order Completed')
    return { orderId: `order-${person}`, revenue: 20 + (person % 200), currency: 'EUR' };
  if (step.event === 'Product Viewed')
    return { productId: `sku-${person % 500}`, category: 'plans', price: 29 };
  return { source: 'web' };
}

/** What analytics.js puts in every call's context. */
function contextOf(person: number, step: Step): Record<string, unknown> {
  const name = step.type === 'page' ? step.name : 'Home';
  return {
    library: { name: 'analytics.js', version: '5.2.0' },
    ip: `203.0.113.${person % 250}`,
    locale: 'en-US',
    userAgent:
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
    page: { path: pathOf(name), url: `https://example.com${pathOf(name)}`, referrer: '' },
  };
}

function pathOf(pageName: string): string {
  return `/${pageName.toLowerCase()}`;
}
