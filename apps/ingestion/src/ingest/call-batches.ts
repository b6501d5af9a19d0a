import { createHash } from 'node:crypto';
import type { CallAcceptedV1, CallAcceptedV2 } from '@meridian/contracts';

/** One INGEST message: calls of one partition and source, and where they were in the request. */
export interface CallBatch {
  readonly event: CallAcceptedV2;
  /** `JSON.stringify(event)`, measured against the size limit and published as is. */
  readonly serialised: string;
  /** Indexes of the batch's calls in the list they were batched from. */
  readonly members: readonly number[];
}

/**
 * Packs a request's accepted calls into as few CallAcceptedV2 messages as the bus allows: one
 * per (workspace, source, partition), split in halves while a message is over `maxBytes`
 * (batch-level context merged into every call can make a 500 KB request much larger). The
 * order of calls within a partition is kept. A single call over the limit stays a batch of one
 * and is refused by the server, which the caller reports as a failed publish.
 */
export function callBatchesOf(events: readonly CallAcceptedV1[], maxBytes: number): CallBatch[] {
  return groupsOf(events).flatMap((members) => fitted(events, members, maxBytes));
}

function groupsOf(events: readonly CallAcceptedV1[]): number[][] {
  const groups = new Map<string, number[]>();
  events.forEach((event, index) => {
    const key = `${event.workspaceId}\u0000${event.payload.sourceId}\u0000${event.payload.partition}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [index]);
    else group.push(index);
  });
  return [...groups.values()];
}

function fitted(
  events: readonly CallAcceptedV1[],
  members: readonly number[],
  maxBytes: number,
): CallBatch[] {
  const event = batchOf(members.map((index) => eventAt(events, index)));
  const serialised = JSON.stringify(event);
  if (members.length === 1 || Buffer.byteLength(serialised, 'utf8') <= maxBytes) {
    return [{ event, serialised, members }];
  }
  const half = Math.ceil(members.length / 2);
  return [
    ...fitted(events, members.slice(0, half), maxBytes),
    ...fitted(events, members.slice(half), maxBytes),
  ];
}

/**
 * The batch envelope. Its id is derived from the ids of its calls, so an SDK resending the same
 * request produces the same message id and the stream's duplicate window drops it whole.
 */
function batchOf(calls: readonly CallAcceptedV1[]): CallAcceptedV2 {
  const [first] = calls;
  if (first === undefined) throw new RangeError('a call batch needs at least one call');
  const digest = createHash('sha256');
  for (const call of calls) digest.update(call.id).update('\n');
  const id = `calls_${digest.digest('hex')}`;
  return {
    id,
    type: 'call.accepted',
    version: 2,
    workspaceId: first.workspaceId,
    occurredAt: first.occurredAt,
    receivedAt: first.receivedAt,
    correlationId: id,
    causationId: null,
    payload: {
      partition: first.payload.partition,
      sourceId: first.payload.sourceId,
      calls: calls.map((call) => ({ id: call.id, call: call.payload.call })),
    },
  };
}

function eventAt(events: readonly CallAcceptedV1[], index: number): CallAcceptedV1 {
  const event = events[index];
  if (event === undefined) throw new RangeError(`no call at index ${index}`);
  return event;
}
