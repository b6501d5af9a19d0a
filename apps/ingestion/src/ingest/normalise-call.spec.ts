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

  it('refuses a timestamp or sentAt that is not ISO-8601 with a zone with INVALID_TIMESTAMP', () => {
    const rejection = rejectionOf(() =>
      normaliseCall('track', { userId: 'u', event: 'E', timestamp: 'yesterday' }, context),
    );
    expect(rejection.code).toBe('INVALID_TIMESTAMP');
    expect(rejection.issues).toEqual([expect.objectContaining({ path: ['originalTimestamp'] })]);
    expect(
      rejectionOf(() =>
        normaliseCall('identify', { userId: 'u', sentAt: '2026-03-01 10:00' }, context),
      ).code,
    ).toBe('INVALID_TIMESTAMP');
  });

  it('refuses any other invalid field with INVALID_FIELD and the zod issues', () => {
    expect(
      rejectionOf(() => normaliseCall('identify', { userId: 'u', traits: 'tall' }, context)).code,
    ).toBe('INVALID_FIELD');
    expect(
      rejectionOf(() => normaliseCall('track', { userId: 'u', event: 42 }, context)).code,
    ).toBe('INVALID_FIELD');
  });

  it('refuses an alias without previousId with MISSING_PREVIOUS_ID and a group without groupId with MISSING_GROUP_ID', () => {
    expect(rejectionOf(() => normaliseCall('alias', { userId: 'u' }, context)).code).toBe(
      'MISSING_PREVIOUS_ID',
    );
    expect(
      rejectionOf(() => normaliseCall('group', { userId: 'u', groupId: '' }, context)).code,
    ).toBe('MISSING_GROUP_ID');
  });

  it('keeps page and screen names, categories and properties', () => {
    const raw = { anonymousId: 'a', name: 'Home', category: 'Docs', properties: { path: '/' } };
    expect(normaliseCall('page', raw, context)).toMatchObject({ type: 'page', ...raw });
    expect(normaliseCall('screen', raw, context)).toMatchObject({ type: 'screen', ...raw });
  });

  it('passes the context through and fills context.ip from the request when the call has none', () => {
    const passthrough = {
      library: { name: 'analytics.js', version: '5' },
      page: { url: 'https://example.com' },
      device: { type: 'ios' },
      campaign: { source: 'news' },
      os: { name: 'iOS' },
      locale: 'en-GB',
      timezone: 'Europe/London',
      traits: { email: 'a@b.c' },
      externalIds: [{ id: 'x', type: 'crm' }],
    };
    const withIp = { ...context, clientIp: '192.0.2.1' };

    expect(
      normaliseCall('identify', { userId: 'u', context: passthrough }, withIp).context,
    ).toEqual({
      ...passthrough,
      ip: '192.0.2.1',
    });
    expect(
      normaliseCall('identify', { userId: 'u', context: { ip: '198.51.100.2' } }, withIp).context,
    ).toEqual({ ip: '198.51.100.2' });
    expect(normaliseCall('identify', { userId: 'u' }, withIp).context).toEqual({ ip: '192.0.2.1' });
  });

  it('treats null properties, traits and context as absent', () => {
    const call = normaliseCall('identify', { userId: 'u', traits: null, context: null }, context);
    expect(call).toMatchObject({ traits: {}, context: {} });
  });
});
