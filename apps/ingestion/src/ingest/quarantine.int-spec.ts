import { CallQuarantinedV1, Namespace } from '@meridian/contracts';
import { compileTrackingPlan } from '@meridian/ingest-governance';
import { JetStreamPublisher, NatsClient, readStoredMessages } from '@meridian/messaging';
import { MetricsRegistry } from '@meridian/observability';
import { testInfra, uniqueNamespace } from '@meridian/testing';
import { RateLimiter } from '../rate-limit';
import { basicAuth, MemoryDedupe, OWNERS } from '../testing/ingest-doubles';
import {
  basicAuthHeader,
  IngestionTestBed,
  postJson,
  type IngestionInstance,
} from '../testing/ingestion-test-bed';
import { CallDelivery } from './call-delivery';
import { JetStreamCallQuarantine } from './call-quarantine';
import { ConfiguredGovernancePolicy } from './governance-policy';
import { IngestMetrics } from './ingest.metrics';
import { IngestService } from './ingest.service';
import { JetStreamCallPublisher } from './jetstream-call-publisher';

const WRITE_KEY = 'quarantine-spec-key';

describe('quarantine of refused and blocked calls on real NATS and FerretDB', () => {
  const infra = testInfra();
  const namespace = uniqueNamespace('quarantine');
  const names = new Namespace(namespace);
  let bed: IngestionTestBed;
  let ingestion: IngestionInstance;
  let client: NatsClient | undefined;

  beforeAll(async () => {
    bed = await IngestionTestBed.start({ ...infra, namespace, partitions: 2 });
    ingestion = await bed.startInstance();
    await bed.seed({ workspaceId: 'ws_quar', sourceId: 'src_quar', writeKey: WRITE_KEY });
  });

  afterAll(async () => {
    await client?.drain();
    await bed?.close();
  });

  async function quarantined(): Promise<CallQuarantinedV1[]> {
    const stored = await readStoredMessages(bed.admin.jsm, names.stream('QUARANTINE'));
    return stored.map(({ body }) => CallQuarantinedV1.parse(body));
  }

  it('keeps the refused calls of a batch in QUARANTINE as sent, with their code, and the valid ones in INGEST', async () => {
    const missingEvent = { type: 'track', userId: 'u1', messageId: 'quar-missing' };
    const withNul = {
      type: 'track',
      userId: 'u1',
      event: 'Viewed',
      messageId: 'quar-nul',
      properties: { title: 'a\u0000b' },
    };

    const response = await postJson(
      `${ingestion.url}/v1/batch`,
      {
        batch: [
          { type: 'track', userId: 'u1', event: 'Viewed', messageId: 'quar-ok' },
          missingEvent,
          withNul,
        ],
      },
      { authorization: basicAuthHeader(WRITE_KEY) },
    );

    expect(response.status).toBe(200);
    const held = await quarantined();
    const byMessageId = new Map(held.map((event) => [event.payload.call['messageId'], event]));
    expect(byMessageId.get('quar-missing')?.payload).toMatchObject({
      sourceId: 'src_quar',
      kind: 'invalid',
      code: 'MISSING_EVENT',
      call: missingEvent,
    });
    expect(byMessageId.get('quar-nul')?.payload).toMatchObject({
      kind: 'invalid',
      code: 'NUL_CHARACTER',
      call: withNul,
    });
    expect(byMessageId.has('quar-ok')).toBe(false);
    const ingested = (await bed.storedCalls()).map(({ event }) => event.payload.call.messageId);
    expect(ingested).toContain('quar-ok');
    expect(ingested).not.toContain('quar-missing');
  });

  it('keeps nothing for a request with an unknown write key', async () => {
    const before = (await quarantined()).length;

    const response = await postJson(
      `${ingestion.url}/v1/track`,
      { userId: 'u1', messageId: 'quar-unknown-key' },
      { authorization: basicAuthHeader('not-a-key') },
    );

    expect(response.status).toBe(401);
    expect(await quarantined()).toHaveLength(before);
  });

  it('puts a call the tracking plan blocks in QUARANTINE and not in INGEST', async () => {
    client = new NatsClient({ natsUrl: infra.natsUrl, serviceName: 'quarantine-spec' });
    await client.connect();
    const jetStream = new JetStreamPublisher(client, { namespace: names, publishTimeoutMs: 5_000 });
    const metrics = new IngestMetrics(
      new MetricsRegistry('quarantine-int', { defaultMetrics: false }),
    );
    const service = new IngestService(
      {
        writeKeys: { authenticate: async (key: string) => OWNERS[key] ?? null },
        governance: new ConfiguredGovernancePolicy({
          missingConsentPolicy: 'accept',
          trackingPlan: compileTrackingPlan({ mode: 'block', events: { Planned: {} } }),
        }),
        rateLimiter: new RateLimiter({ ratePerSecond: 1_000, burst: 1_000 }),
        delivery: new CallDelivery(
          new JetStreamCallPublisher(jetStream),
          new MemoryDedupe(),
          metrics,
        ),
        quarantine: new JetStreamCallQuarantine(jetStream, metrics),
      },
      { partitions: 2 },
    );

    await service.ingestCall('track', {
      body: { userId: 'u2', event: 'Unplanned', messageId: 'quar-blocked' },
      authorization: basicAuth('key-a'),
      clientIp: undefined,
    });

    const blocked = (await quarantined()).find(
      (event) => event.payload.call['messageId'] === 'quar-blocked',
    );
    expect(blocked?.workspaceId).toBe('ws_a');
    expect(blocked?.payload).toMatchObject({
      kind: 'blocked',
      code: 'TRACKING_PLAN_BLOCKED',
      violations: [expect.objectContaining({ rule: 'unplanned_event' })],
      call: { userId: 'u2', event: 'Unplanned', messageId: 'quar-blocked' },
    });
    expect(await bed.storedWithMessageId('quar-blocked')).toEqual([]);
  });
});
