import { CallAcceptedV1, partitionKeyOf, partitionOf, subjects } from '@meridian/contracts';
import type { OutgoingMessage } from '@meridian/messaging';

export const BENCH_PROFILE_WORKSPACE = 'ws_bench';
const SOURCE_ID = 'src_bench';

/** The user of seeded profile `index`: `bench-user-00042`. */
export function benchUserId(index: number): string {
  return `bench-user-${String(index).padStart(5, '0')}`;
}

/** The traits of a seeded profile: a dozen of the kinds a CRM sends. */
export function benchTraits(index: number): Record<string, unknown> {
  return {
    email: `user${index}@example.com`,
    firstName: `First${index}`,
    lastName: `Last${index}`,
    plan: ['free', 'pro', 'team', 'enterprise'][index % 4],
    seats: (index % 50) + 1,
    company: { name: `Company ${index % 1_000}`, industry: 'software' },
    createdAt: '2025-01-01T10:00:00.000Z',
    marketingOptIn: index % 2 === 0,
    country: ['NO', 'DE', 'US', 'FR'][index % 4],
    tags: ['bench', `cohort-${index % 10}`],
  };
}

interface CallOptions {
  readonly runId: string;
  readonly partitions: number;
  readonly sequence: number;
}

function accepted(userId: string, call: Record<string, unknown>, options: CallOptions) {
  const at = new Date(Date.UTC(2025, 0, 1, 10, 0, 0, options.sequence)).toISOString();
  const id = `bench-${options.runId}-${options.sequence}`;
  const partition = partitionOf(partitionKeyOf({ userId }), options.partitions);
  const event = CallAcceptedV1.parse({
    id,
    type: 'call.accepted',
    version: 1,
    workspaceId: BENCH_PROFILE_WORKSPACE,
    occurredAt: at,
    receivedAt: at,
    correlationId: id,
    causationId: null,
    payload: {
      partition,
      sourceId: SOURCE_ID,
      call: { messageId: id, userId, timestamp: at, receivedAt: at, ...call },
    },
  });
  return { subject: subjects.ingest(partition), event };
}

/** One identify per seeded profile, on the ingest subject of its user's partition. */
export function seedIdentifies(
  profiles: number,
  options: Omit<CallOptions, 'sequence'>,
): OutgoingMessage[] {
  return Array.from({ length: profiles }, (_, index) =>
    accepted(
      benchUserId(index),
      { type: 'identify', traits: benchTraits(index) },
      {
        ...options,
        sequence: index,
      },
    ),
  );
}

/** Track calls of one user, so the hot profile has a timeline like a real one. */
export function seedTracks(
  userIndex: number,
  count: number,
  options: Omit<CallOptions, 'sequence'> & { readonly firstSequence: number },
): OutgoingMessage[] {
  return Array.from({ length: count }, (_, index) =>
    accepted(
      benchUserId(userIndex),
      {
        type: 'track',
        event: ['Page Viewed', 'Order Completed', 'Signed In'][index % 3],
        properties: {},
      },
      { ...options, sequence: options.firstSequence + index },
    ),
  );
}
