import { IngestRejection } from '../ingest';
import { batchEntryOf, grpcCallOf, withMessageId } from './grpc-calls';
import { ingestMethod } from './ingest-proto';

/** A message through the wire and back, as the server receives it. */
function overTheWire(method: 'Track' | 'Identify' | 'Batch', message: unknown): unknown {
  const { requestSerialize, requestDeserialize } = ingestMethod(method);
  return requestDeserialize(requestSerialize(message));
}

const text = (value: string) => ({ stringValue: value });

describe('a gRPC call as a Segment call', () => {
  it('maps a TrackRequest to the fields of an HTTP track body', () => {
    const request = overTheWire('Track', {
      header: {
        writeKey: 'key',
        messageId: 'm-1',
        userId: 'u-1',
        anonymousId: 'a-1',
        timestamp: '2026-01-01T10:00:00Z',
        sentAt: '2026-01-01T10:00:01Z',
        context: { fields: { locale: text('de-DE') } },
        integrations: { fields: { All: { boolValue: false } } },
      },
      event: 'Order Completed',
      properties: { fields: { total: { numberValue: 3 } } },
    });

    expect(grpcCallOf('track', request)).toEqual({
      type: 'track',
      writeKey: 'key',
      raw: {
        messageId: 'm-1',
        userId: 'u-1',
        anonymousId: 'a-1',
        timestamp: '2026-01-01T10:00:00Z',
        sentAt: '2026-01-01T10:00:01Z',
        context: { locale: 'de-DE' },
        integrations: { All: false },
        event: 'Order Completed',
        properties: { total: 3 },
      },
    });
  });

  it('leaves out what proto3 did not send, so a missing identity is refused as in HTTP', () => {
    const request = overTheWire('Track', { header: { userId: '', writeKey: 'key' }, event: 'E' });

    expect(grpcCallOf('track', request)).toEqual({
      type: 'track',
      writeKey: 'key',
      raw: { event: 'E' },
    });
  });

  it('maps an IdentifyRequest with its traits', () => {
    const request = overTheWire('Identify', {
      header: { userId: 'u' },
      traits: { fields: { plan: text('pro') } },
    });

    expect(grpcCallOf('identify', request)).toEqual({
      type: 'identify',
      writeKey: undefined,
      raw: { userId: 'u', traits: { plan: 'pro' } },
    });
  });

  it('makes a messageId for a call without one and keeps a sent one', () => {
    const sent = withMessageId({ type: 'track', writeKey: undefined, raw: { messageId: 'm' } });
    const made = withMessageId({ type: 'track', writeKey: undefined, raw: {} });

    expect(sent.messageId).toBe('m');
    expect(made.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.raw['messageId']).toBe(made.messageId);
  });

  it('turns a batch item into a batch entry with its type', () => {
    const item = overTheWire('Batch', { identify: { header: { writeKey: 'k', userId: 'u' } } });

    expect(batchEntryOf(item)).toEqual({
      entry: { type: 'identify', userId: 'u' },
      writeKey: 'k',
    });
  });

  it('turns a batch item with no call into an entry without type, for the batch to refuse', () => {
    expect(batchEntryOf(overTheWire('Batch', {}))).toEqual({ entry: {}, writeKey: undefined });
  });

  it('refuses a message that is not shaped like ingest.proto as INVALID_FIELD', () => {
    const call = () => grpcCallOf('track', { properties: { fields: { a: 'not a Value' } } });

    expect(call).toThrow(IngestRejection);
    expect(call).toThrow(expect.objectContaining({ code: 'INVALID_FIELD' }));
  });
});
