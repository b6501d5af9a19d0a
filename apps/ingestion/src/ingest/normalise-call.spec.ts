import type { SegmentCall } from '@meridian/contracts';
import { IngestRejection } from './ingest-rejection';
import { correctedTimestamp, normaliseCall } from './normalise-call';

const receivedAt = new Date('2026-03-01T12:00:00.000Z');
const context = { receivedAt, newMessageId: () => 'generated-id' };

function rejectionOf(attempt: () => unknown): IngestRejection {
  try {
    attempt();
  } catch (error) {
    if (error instanceof IngestRejection) return error;
    throw error;
  }
  throw new Error('expected an IngestRejection');
}

function track(call: SegmentCall) {
  if (call.type !== 'track') throw new Error(`expected a track call, got ${call.type}`);
  return call;
}

describe('correctedTimestamp', () => {
  it('takes the device clock skew (sentAt − timestamp) back from receivedAt', () => {
    // The device clock is one hour fast; the event happened 5 s before it was sent.
    const timestamp = correctedTimestamp(
      receivedAt,
      '2026-03-01T13:00:00.000Z',
      '2026-03-01T13:00:05.000Z',
    );
    expect(timestamp).toBe('2026-03-01T11:59:55.000Z');
  });

  it('understands offsets other than Z', () => {
    const timestamp = correctedTimestamp(
      receivedAt,
      '2026-03-01T14:00:00.000+02:00',
      '2026-03-01T12:00:10.000Z',
    );
    expect(timestamp).toBe('2026-03-01T11:59:50.000Z');
  });

  it('uses the device timestamp as is when sentAt is missing', () => {
    expect(correctedTimestamp(receivedAt, '2026-02-01T10:00:00.000+01:00', undefined)).toBe(
      '2026-02-01T09:00:00.000Z',
    );
  });

  it('uses receivedAt when the call has no timestamp', () => {
    expect(correctedTimestamp(receivedAt, undefined, '2026-03-01T12:00:00.000Z')).toBe(
      receivedAt.toISOString(),
    );
  });
});

describe('normaliseCall', () => {
  it('sets type from the route, receivedAt, originalTimestamp and sentAt as sent, and the corrected timestamp', () => {
    const call = track(
      normaliseCall(
        'track',
        {
          type: 'identify',
          messageId: 'm-1',
          userId: 'u-1',
          event: 'Signed Up',
          timestamp: '2026-03-01T13:00:00.000Z',
          sentAt: '2026-03-01T13:00:05.000Z',
          receivedAt: '1999-01-01T00:00:00.000Z',
        },
        context,
      ),
    );
    expect(call).toMatchObject({
      type: 'track',
      messageId: 'm-1',
      event: 'Signed Up',
      receivedAt: '2026-03-01T12:00:00.000Z',
      originalTimestamp: '2026-03-01T13:00:00.000Z',
      sentAt: '2026-03-01T13:00:05.000Z',
      timestamp: '2026-03-01T11:59:55.000Z',
      properties: {},
      context: {},
    });
  });

  it('drops the write key and unknown fields from the call', () => {
    const call = normaliseCall(
      'identify',
      { userId: 'u-1', writeKey: 'secret', extra: 1 },
      context,
    );
    expect(JSON.stringify(call)).not.toContain('secret');
    expect(call).not.toHaveProperty('extra');
  });

  it('generates a messageId when the call has none', () => {
    expect(normaliseCall('identify', { anonymousId: 'a-1' }, context).messageId).toBe(
      'generated-id',
    );
    expect(
      normaliseCall('identify', { anonymousId: 'a-1', messageId: '' }, context).messageId,
    ).toBe('generated-id');
  });

  it('keeps a messageId of exactly 100 characters and refuses 101 with MESSAGE_ID_TOO_LONG', () => {
    const hundred = 'm'.repeat(100);
    expect(normaliseCall('identify', { userId: 'u', messageId: hundred }, context).messageId).toBe(
      hundred,
    );
    const rejection = rejectionOf(() =>
      normaliseCall('identify', { userId: 'u', messageId: `${hundred}x` }, context),
    );
    expect(rejection.code).toBe('MESSAGE_ID_TOO_LONG');
    expect(rejection.status).toBe(400);
  });

  it('refuses a call with neither userId nor anonymousId with MISSING_IDENTITY', () => {
    const rejection = rejectionOf(() =>
      normaliseCall('track', { event: 'Clicked', userId: null }, context),
    );
    expect(rejection.code).toBe('MISSING_IDENTITY');
    expect(rejection.issues.length).toBeGreaterThan(0);
  });

  it('refuses a track call without an event with MISSING_EVENT', () => {
    expect(rejectionOf(() => normaliseCall('track', { userId: 'u' }, context)).code).toBe(
      'MISSING_EVENT',
    );
    expect(
      rejectionOf(() => normaliseCall('track', { userId: 'u', event: '' }, context)).code,
    ).toBe('MISSING_EVENT');
  });

  it('refuses any other invalid field with INVALID_FIELD and the zod issues', () => {
    const rejection = rejectionOf(() =>
      normaliseCall('track', { userId: 'u', event: 'E', timestamp: 'yesterday' }, context),
    );
    expect(rejection.code).toBe('INVALID_FIELD');
    expect(rejection.issues).toEqual([expect.objectContaining({ path: ['originalTimestamp'] })]);
    expect(
      rejectionOf(() => normaliseCall('identify', { userId: 'u', traits: 'tall' }, context)).code,
    ).toBe('INVALID_FIELD');
    expect(
      rejectionOf(() => normaliseCall('track', { userId: 'u', event: 42 }, context)).code,
    ).toBe('INVALID_FIELD');
  });

  it('treats null properties, traits and context as absent', () => {
    const call = normaliseCall('identify', { userId: 'u', traits: null, context: null }, context);
    expect(call).toMatchObject({ traits: {}, context: {} });
  });
});
