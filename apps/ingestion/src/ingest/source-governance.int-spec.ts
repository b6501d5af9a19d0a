import { testInfra, uniqueNamespace } from '@meridian/testing';
import { SourceSettingsService } from '@meridian/workspaces';
import {
  basicAuthHeader,
  IngestionTestBed,
  postJson,
  type IngestionInstance,
} from '../testing/ingestion-test-bed';

const STRICT_KEY = 'governance-strict-key';
const LENIENT_KEY = 'governance-lenient-key';
const PLANNED_KEY = 'governance-planned-key';

describe('per-source governance settings on real NATS and FerretDB', () => {
  const infra = testInfra();
  const namespace = uniqueNamespace('srcgov');
  let bed: IngestionTestBed;
  let ingestion: IngestionInstance;

  beforeAll(async () => {
    bed = await IngestionTestBed.start({ ...infra, namespace, partitions: 2 });
    ingestion = await bed.startInstance();
    await bed.seed({ workspaceId: 'ws_gov', sourceId: 'strict', writeKey: STRICT_KEY });
    await bed.seed({ workspaceId: 'ws_gov', sourceId: 'lenient', writeKey: LENIENT_KEY });
    await bed.seed({ workspaceId: 'ws_gov', sourceId: 'planned', writeKey: PLANNED_KEY });
    const settings = ingestion.app.get(SourceSettingsService);
    await settings.put({
      workspaceId: 'ws_gov',
      sourceId: 'strict',
      missingConsentPolicy: 'refuse',
    });
    await settings.put({
      workspaceId: 'ws_gov',
      sourceId: 'planned',
      missingConsentPolicy: 'accept',
      trackingPlan: {
        mode: 'block',
        events: {
          'Order Completed': {
            $schema: 'http://json-schema.org/draft-07/schema#',
            type: 'object',
            properties: { total: { $ref: '#/definitions/money' } },
            definitions: { money: { type: 'number' } },
            required: ['total'],
          },
        },
      },
    });
  });

  afterAll(async () => {
    await bed?.close();
  });

  const track = (writeKey: string, body: Record<string, unknown>) =>
    postJson(`${ingestion.url}/v1/track`, body, { authorization: basicAuthHeader(writeKey) });

  it("refuses a call without consent with CONSENT_REQUIRED on a 'refuse' source while another source of the workspace accepts it", async () => {
    const call = { userId: 'u1', event: 'Signed Up' };

    const strict = await track(STRICT_KEY, { ...call, messageId: 'gov-strict-1' });
    const lenient = await track(LENIENT_KEY, { ...call, messageId: 'gov-lenient-1' });

    expect(strict.status).toBe(400);
    expect(await strict.json()).toMatchObject({ success: false, code: 'CONSENT_REQUIRED' });
    expect(await bed.storedWithMessageId('gov-strict-1')).toHaveLength(0);
    expect(lenient.status).toBe(200);
    expect(await bed.storedWithMessageId('gov-lenient-1')).toHaveLength(1);
  });

  it("publishes a call that keeps its source's block-mode plan", async () => {
    const response = await track(PLANNED_KEY, {
      userId: 'u2',
      event: 'Order Completed',
      properties: { total: 12 },
      messageId: 'gov-planned-ok',
    });

    expect(response.status).toBe(200);
    expect(await bed.storedWithMessageId('gov-planned-ok')).toHaveLength(1);
  });

  it.each([
    ['an unplanned event', { event: 'Something Else' }],
    [
      'a planned event breaking its schema',
      { event: 'Order Completed', properties: { total: 'x' } },
    ],
  ])(
    'answers %s on a block-mode source as accepted but keeps it out of INGEST',
    async (_, call) => {
      const messageId = `gov-blocked-${call.event.replace(/\W/g, '')}`;
      const response = await track(PLANNED_KEY, { userId: 'u3', ...call, messageId });

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ success: true });
      expect(await bed.storedWithMessageId(messageId)).toHaveLength(0);
    },
  );

  it('lets the same unplanned event through a source without a plan', async () => {
    const response = await track(LENIENT_KEY, {
      userId: 'u3',
      event: 'Something Else',
      messageId: 'gov-unplanned-lenient',
    });

    expect(response.status).toBe(200);
    expect(await bed.storedWithMessageId('gov-unplanned-lenient')).toHaveLength(1);
  });
});
