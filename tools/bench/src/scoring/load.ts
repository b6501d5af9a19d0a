import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  groupRows,
  invoiceToCalls,
  ONLINE_RETAIL_DEFAULT_FILE,
  onlineRetailMapping,
  openSource,
  type TrackCall,
} from '@meridian/bulk-import';
import {
  EventsResolvedV1,
  partitionKeyOf,
  partitionOf,
  SegmentCall,
  subjects,
} from '@meridian/contracts';
import type { OutgoingMessage } from '@meridian/messaging';

/** The workspace the scoring benchmark's events belong to. */
export const BENCH_SCORING_WORKSPACE = 'ws_bench_scoring';

export interface ScoringLoadOptions {
  /** Repository root, where `../shared/datasets/online-retail` is looked up. */
  readonly root: string;
  readonly partitions: number;
  /** Invoices read from the start of the file (orders and cancellations with a customer). */
  readonly invoices: number;
  /** Distinguishes this run's event ids from another run's in the same stream. */
  readonly runId: string;
}

export interface ScoringLoad {
  readonly messages: readonly OutgoingMessage[];
  readonly customers: number;
  readonly orders: number;
  readonly refunds: number;
}

/**
 * The real retailer's invoices (Online Retail), as identity would have resolved them: one
 * EventsResolvedV1 per invoice (Order Completed, or Order Refunded for a cancellation) of a
 * customer, on the customer's partition, in the file's (chronological) order. Anonymous
 * invoices are left out: scoring keys everything by profile.
 */
export async function scoringLoad(options: ScoringLoadOptions): Promise<ScoringLoad> {
  const file = resolve(options.root, ONLINE_RETAIL_DEFAULT_FILE);
  if (!existsSync(file))
    throw new Error(
      `the scoring benchmark replays the Online Retail dataset, not found at ${file} (see its README)`,
    );
  const source = await openSource(file);
  const rows = source.rows({ requiredColumns: onlineRetailMapping.requiredColumns });
  const messages: OutgoingMessage[] = [];
  const customers = new Set<string>();
  let refunds = 0;
  for await (const group of groupRows(rows, onlineRetailMapping.grouping)) {
    const outcome = invoiceToCalls(group);
    if (outcome.kind !== 'calls') continue;
    for (const call of outcome.calls) {
      if (call.type !== 'track' || call.userId === undefined) continue;
      customers.add(call.userId);
      if (call.event === 'Order Refunded') refunds += 1;
      messages.push(resolvedMessage(call, messages.length, options));
    }
    if (messages.length >= options.invoices) break;
  }
  return { messages, customers: customers.size, orders: messages.length - refunds, refunds };
}

function resolvedMessage(
  call: TrackCall,
  sequence: number,
  options: ScoringLoadOptions,
): OutgoingMessage {
  // As ingestion accepted it: stamped on arrival (here, at the invoice time).
  const segmentCall = SegmentCall.parse({ ...call, receivedAt: call.timestamp });
  const partition = partitionOf(partitionKeyOf(segmentCall), options.partitions);
  const id = `bench-${options.runId}-${sequence}`;
  const at = segmentCall.timestamp ?? new Date(0).toISOString();
  const event = EventsResolvedV1.parse({
    id,
    type: 'events.resolved',
    version: 1,
    workspaceId: BENCH_SCORING_WORKSPACE,
    occurredAt: at,
    receivedAt: at,
    correlationId: id,
    causationId: null,
    payload: {
      profileId: `prof_retail_${call.userId ?? 'anonymous'}`,
      partition,
      call: segmentCall,
      profile: { traits: {}, identifiers: [], revision: 1 },
    },
  });
  return { subject: subjects.eventsResolved(partition), event };
}
