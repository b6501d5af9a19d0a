import { acceptedCallsOf, CallAcceptedV2, type CallAcceptedV1 } from '@meridian/contracts';
import { callAcceptedEvent } from './call-accepted-event';
import { callBatchesOf } from './call-batches';

const receivedAt = '2026-03-01T12:00:00.000Z';
const accepted = (
  messageId: string,
  partition: number,
  options: { sourceId?: string; filler?: string } = {},
): CallAcceptedV1 =>
  callAcceptedEvent({
    workspaceId: 'ws',
    sourceId: options.sourceId ?? 'src',
    partition,
    call: {
      type: 'track',
      event: 'Viewed',
      messageId,
      userId: `u-${messageId}`,
      properties: { filler: options.filler ?? '' },
      context: {},
      integrations: {},
      timestamp: receivedAt,
      receivedAt,
    },
  });

const NO_LIMIT = 1_000_000;

describe('callBatchesOf', () => {
  it('puts the calls of one partition in one message, in request order', () => {
    const events = [accepted('a', 0), accepted('b', 1), accepted('c', 0), accepted('d', 1)];

    const batches = callBatchesOf(events, NO_LIMIT);

    expect(batches.map((batch) => batch.members)).toEqual([
      [0, 2],
      [1, 3],
    ]);
    expect(batches.map((batch) => batch.event.payload.partition)).toEqual([0, 1]);
  });

  it('keeps calls of different sources apart, as a message names one source', () => {
    const events = [accepted('a', 0), accepted('b', 0, { sourceId: 'other' })];

    expect(callBatchesOf(events, NO_LIMIT).map((batch) => batch.members)).toEqual([[0], [1]]);
  });

  it('stands for exactly the v1 events it was made of and serialises what it publishes', () => {
    const events = [accepted('a', 2), accepted('b', 2)];

    const [batch] = callBatchesOf(events, NO_LIMIT);

    expect(batch).toBeDefined();
    if (batch === undefined) return;
    const parsed = CallAcceptedV2.parse(JSON.parse(batch.serialised));
    expect(acceptedCallsOf(parsed)).toEqual(events);
  });

  it('gives the same request the same message id, and a different request another', () => {
    const first = callBatchesOf([accepted('a', 0), accepted('b', 0)], NO_LIMIT);
    const again = callBatchesOf([accepted('a', 0), accepted('b', 0)], NO_LIMIT);
    const other = callBatchesOf([accepted('a', 0), accepted('c', 0)], NO_LIMIT);

    expect(again[0]?.event.id).toBe(first[0]?.event.id);
    expect(other[0]?.event.id).not.toBe(first[0]?.event.id);
  });

  it('splits a message that would be over the size limit, keeping every call once', () => {
    const filler = 'x'.repeat(10_000);
    const events = Array.from({ length: 9 }, (_, index) => accepted(`m${index}`, 0, { filler }));

    const batches = callBatchesOf(events, 35_000);

    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) expect(Buffer.byteLength(batch.serialised)).toBeLessThan(35_000);
    expect(batches.flatMap((batch) => batch.members)).toEqual(events.map((_, index) => index));
  });

  it('leaves a single call over the limit as a batch of one for the server to refuse', () => {
    const events = [accepted('big', 0, { filler: 'x'.repeat(5_000) })];

    const batches = callBatchesOf(events, 1_000);

    expect(batches.map((batch) => batch.members)).toEqual([[0]]);
  });
});
