import { SegmentCall } from '../segment/call';
import { CallAcceptedMessage, callsOfMessage } from './call-accepted-message';
import { CallAcceptedV1 } from './call-accepted.v1';
import { acceptedCallsOf, CallAcceptedV2 } from './call-accepted.v2';

const call = (messageId: string, timestamp: string) =>
  SegmentCall.parse({
    type: 'track',
    messageId,
    userId: '12347',
    event: 'Order Completed',
    timestamp,
    receivedAt: '2026-11-23T10:00:00.000Z',
  });

const batch = {
  id: 'calls_batch-1',
  type: 'call.accepted',
  version: 2,
  workspaceId: 'ws-1',
  occurredAt: '2011-12-09T12:50:00.000Z',
  receivedAt: '2026-11-23T10:00:00.000Z',
  correlationId: 'calls_batch-1',
  causationId: null,
  payload: {
    partition: 3,
    sourceId: 'src-1',
    calls: [
      { id: 'call_a', call: call('m-1', '2011-12-09T12:50:00.000Z') },
      { id: 'call_b', call: call('m-2', '2011-12-10T08:00:00.000Z') },
    ],
  },
};

describe('CallAcceptedV2', () => {
  it('accepts a batch of calls and refuses an empty one or another version', () => {
    expect(CallAcceptedV2.safeParse(batch).success).toBe(true);
    expect(
      CallAcceptedV2.safeParse({ ...batch, payload: { ...batch.payload, calls: [] } }).success,
    ).toBe(false);
    expect(CallAcceptedV2.safeParse({ ...batch, version: 1 }).success).toBe(false);
  });

  it('refuses the whole batch when one of its calls breaks the Segment contract', () => {
    const broken = { id: 'call_c', call: { type: 'track', userId: 'u' } };
    const payload = { ...batch.payload, calls: [...batch.payload.calls, broken] };
    expect(CallAcceptedV2.safeParse({ ...batch, payload }).success).toBe(false);
  });

  it('unbatches into the v1 envelopes the calls stand for, each its own causal chain', () => {
    const calls = acceptedCallsOf(CallAcceptedV2.parse(batch));

    expect(calls.map((event) => CallAcceptedV1.safeParse(event).success)).toEqual([true, true]);
    expect(calls[1]).toEqual({
      id: 'call_b',
      type: 'call.accepted',
      version: 1,
      workspaceId: 'ws-1',
      occurredAt: '2011-12-10T08:00:00.000Z',
      receivedAt: '2026-11-23T10:00:00.000Z',
      correlationId: 'call_b',
      causationId: null,
      payload: { partition: 3, sourceId: 'src-1', call: batch.payload.calls[1]?.call },
    });
  });
});

describe('CallAcceptedMessage', () => {
  it('reads the calls of a message of either version', () => {
    const [single] = acceptedCallsOf(CallAcceptedV2.parse(batch));

    expect(callsOfMessage(CallAcceptedMessage.parse(batch)).map((call) => call.id)).toEqual([
      'call_a',
      'call_b',
    ]);
    expect(callsOfMessage(CallAcceptedMessage.parse(single))).toEqual([single]);
    expect(CallAcceptedMessage.safeParse({ ...batch, version: 3 }).success).toBe(false);
  });
});
