import { testInfra, uniqueNamespace } from '@meridian/testing';
import { WriteKeyService } from '@meridian/workspaces';
import { IngestionTestBed, type IngestionInstance } from '../testing/ingestion-test-bed';
import { UNKNOWN_WRITE_KEY_TEXT } from './sdk-settings-rejection';
import { SETTINGS_CACHE_CONTROL } from './sdk-settings.controller';
import { MAX_METRICS_BYTES } from './sdk-settings.service';

const WRITE_KEY = 'sdk-settings-spec-key';
const REVOKED_KEY = 'sdk-settings-revoked-key';
const ORIGIN = 'https://shop.example.com';

/** What analytics.js sends every 30 s when its metrics are on. */
const METRICS_BODY = JSON.stringify({
  series: [
    {
      type: 'Counter',
      metric: 'analytics_js.invoke',
      value: 1,
      tags: { type: 'track', library: 'analytics.js', library_version: 'npm:next-1.84.3' },
    },
  ],
});

/** The routes analytics.js calls besides the Segment API, over raw HTTP. */
describe('the SDK settings and metrics routes, on real NATS and FerretDB', () => {
  const infra = testInfra();
  let bed: IngestionTestBed;
  let ingestion: IngestionInstance;
  let behindProxy: IngestionInstance;

  beforeAll(async () => {
    bed = await IngestionTestBed.start({
      ...infra,
      namespace: uniqueNamespace('sdksettings'),
      partitions: 2,
    });
    ingestion = await bed.startInstance();
    behindProxy = await bed.startInstance({ INGEST_PUBLIC_URL: 'https://ingest.example.com/' });
    await bed.seed({ workspaceId: 'ws_sdk', sourceId: 'src_sdk', writeKey: WRITE_KEY });
    await bed.seed({ workspaceId: 'ws_sdk', sourceId: 'src_sdk', writeKey: REVOKED_KEY });
    await ingestion.app.get(WriteKeyService).revoke(REVOKED_KEY);
  });

  afterAll(async () => {
    await bed?.close();
  });

  const getSettings = (instance: IngestionInstance, writeKey: string) =>
    fetch(`${instance.url}/v1/projects/${encodeURIComponent(writeKey)}/settings`, {
      headers: { origin: ORIGIN },
    });

  it('serves an active key settings that send the SDK back to the host it asked', async () => {
    const response = await getSettings(ingestion, WRITE_KEY);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe(SETTINGS_CACHE_CONTROL);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const apiHost = `${new URL(ingestion.url).host}/v1`;
    expect(await response.json()).toEqual({
      integrations: { 'Segment.io': { apiKey: WRITE_KEY, apiHost, protocol: 'http' } },
      metrics: { sampleRate: 0, host: apiHost },
    });
  });

  it('serves settings for INGEST_PUBLIC_URL when it is set, whatever the Host', async () => {
    const response = await getSettings(behindProxy, WRITE_KEY);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      integrations: {
        'Segment.io': { apiKey: WRITE_KEY, apiHost: 'ingest.example.com/v1', protocol: 'https' },
      },
    });
  });

  it.each([
    ['an unknown', 'not-a-key'],
    ['a revoked', REVOKED_KEY],
  ])('answers %s key 404 with Segment CDN text, not to be cached', async (_, writeKey) => {
    const response = await getSettings(ingestion, writeKey);

    expect(response.status).toBe(404);
    expect(await response.text()).toBe(UNKNOWN_WRITE_KEY_TEXT);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    // Readable by the page, so analytics.js can log why it did not load.
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers a CORS preflight for a GET of the settings from any origin', async () => {
    const response = await fetch(`${ingestion.url}/v1/projects/${WRITE_KEY}/settings`, {
      method: 'OPTIONS',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'x-custom',
      },
    });

    expect(response.status).toBe(204);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET',
      'access-control-allow-headers': 'x-custom',
      'access-control-max-age': '7200',
    });
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('accepts the SDK metrics at /v1/m with 204 and an empty body, cross-origin', async () => {
    const preflight = await fetch(`${ingestion.url}/v1/m`, {
      method: 'OPTIONS',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    const response = await fetch(`${ingestion.url}/v1/m`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: ORIGIN },
      body: METRICS_BODY,
    });

    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST');
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    // Nothing of it reaches the INGEST stream.
    expect(await bed.storedCalls()).toEqual([]);
  });

  it('refuses a metrics body over the limit with 413', async () => {
    const response = await fetch(`${ingestion.url}/v1/m`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: ORIGIN },
      body: 'x'.repeat(MAX_METRICS_BYTES + 1),
    });

    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      success: false,
      code: 'METRICS_TOO_LARGE',
      message: `the body may be at most ${MAX_METRICS_BYTES} bytes`,
    });
  });
});
