import { Analytics } from '@segment/analytics-node';
import { testInfra, uniqueNamespace } from '@meridian/testing';
import { IngestionTestBed, type IngestionInstance } from '../testing/ingestion-test-bed';

const WRITE_KEY = 'sdk-spec-key';

/** Contract: Segment's official Node SDK, pointed at ingestion, delivers every call type. */
describe("Segment's analytics-node SDK against ingestion", () => {
  const infra = testInfra();
  let bed: IngestionTestBed;
  let ingestion: IngestionInstance;

  beforeAll(async () => {
    bed = await IngestionTestBed.start({
      ...infra,
      namespace: uniqueNamespace('sdk'),
      partitions: 4,
    });
    ingestion = await bed.startInstance();
    await bed.seed({ workspaceId: 'ws_sdk', sourceId: 'src_sdk', writeKey: WRITE_KEY });
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('lands track, identify, page, screen, group and alias in the stream with their messageIds and fields', async () => {
    const analytics = new Analytics({
      writeKey: WRITE_KEY,
      host: ingestion.url,
      flushAt: 3,
      maxRetries: 1,
    });
    const statuses: number[] = [];
    const errors: unknown[] = [];
    analytics.on('http_response', (response) => statuses.push(response.status));
    analytics.on('error', (error) => errors.push(error));

    analytics.identify({
      messageId: 'sdk-identify',
      userId: 'sdk-user',
      traits: { email: 'ada@example.com' },
    });
    analytics.track({
      messageId: 'sdk-track',
      userId: 'sdk-user',
      event: 'Order Completed',
      properties: { revenue: 42 },
      timestamp: new Date('2026-03-01T10:00:00.000Z'),
    });
    analytics.page({
      messageId: 'sdk-page',
      anonymousId: 'sdk-anon',
      name: 'Pricing',
      properties: { path: '/pricing' },
    });
    analytics.screen({ messageId: 'sdk-screen', userId: 'sdk-user', name: 'Settings' });
    analytics.group({
      messageId: 'sdk-group',
      userId: 'sdk-user',
      groupId: 'acme',
      traits: { plan: 'pro' },
    });
    analytics.alias({ messageId: 'sdk-alias', userId: 'sdk-user', previousId: 'sdk-anon' });
    await analytics.closeAndFlush({ timeout: 10_000 });

    expect(errors).toEqual([]);
    expect(statuses.length).toBeGreaterThanOrEqual(2);
    expect(statuses.every((status) => status === 200)).toBe(true);
    const calls = new Map(
      (await bed.storedCalls()).map(({ event }) => [event.payload.call.messageId, event]),
    );
    expect(calls.get('sdk-identify')?.payload.call).toMatchObject({
      type: 'identify',
      userId: 'sdk-user',
      traits: { email: 'ada@example.com' },
    });
    const track = calls.get('sdk-track');
    expect(track?.workspaceId).toBe('ws_sdk');
    expect(track?.payload.call).toMatchObject({
      type: 'track',
      event: 'Order Completed',
      properties: { revenue: 42 },
      originalTimestamp: '2026-03-01T10:00:00.000Z',
      context: { library: { name: '@segment/analytics-node' } },
    });
    expect(track?.payload.call.sentAt).toEqual(expect.any(String));
    expect(calls.get('sdk-page')?.payload.call).toMatchObject({
      type: 'page',
      anonymousId: 'sdk-anon',
      name: 'Pricing',
    });
    expect(calls.get('sdk-screen')?.payload.call).toMatchObject({
      type: 'screen',
      name: 'Settings',
    });
    expect(calls.get('sdk-group')?.payload.call).toMatchObject({
      type: 'group',
      groupId: 'acme',
      traits: { plan: 'pro' },
    });
    expect(calls.get('sdk-alias')?.payload.call).toMatchObject({
      type: 'alias',
      previousId: 'sdk-anon',
      userId: 'sdk-user',
    });
  });

  it('is refused with 401 for an unknown write key, and the SDK reports the failed delivery', async () => {
    const analytics = new Analytics({
      writeKey: 'not-a-key',
      host: ingestion.url,
      flushAt: 1,
      maxRetries: 0,
    });
    const statuses: number[] = [];
    const errors: unknown[] = [];
    analytics.on('http_response', (response) => statuses.push(response.status));
    analytics.on('error', (error) => errors.push(error));

    analytics.track({ messageId: 'sdk-refused', userId: 'u', event: 'E' });
    await analytics.closeAndFlush({ timeout: 10_000 });

    expect(statuses).toEqual([401]);
    expect(errors).toHaveLength(1);
    expect(await bed.storedWithMessageId('sdk-refused')).toHaveLength(0);
  });
});
