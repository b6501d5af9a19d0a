import type { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import type { WriteKeyOwner } from '@meridian/workspaces';
import { cdnSettingsFor } from './cdn-settings';
import { SdkSettingsRejection, UNKNOWN_WRITE_KEY_TEXT } from './sdk-settings-rejection';
import {
  MAX_METRICS_BYTES,
  SdkSettingsService,
  type SdkSettingsOptions,
} from './sdk-settings.service';

const ACTIVE_KEY = 'active-key';
const OWNER: WriteKeyOwner = { workspaceId: 'ws_1', sourceId: 'src_1' };

/** A key store that knows one active key. */
const writeKeys = {
  authenticate: (rawKey: string) => Promise.resolve(rawKey === ACTIVE_KEY ? OWNER : null),
};

const serviceWith = (options: SdkSettingsOptions) => new SdkSettingsService(writeKeys, options);
const fromHost = (host: string) => ({ headers: { host }, socket: new Socket() });

async function rejectionOf(promise: Promise<unknown>): Promise<SdkSettingsRejection> {
  const error: unknown = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof SdkSettingsRejection)) throw new Error(`expected a rejection: ${error}`);
  return error;
}

describe('cdnSettingsFor', () => {
  it('points the Segment.io destination at <host>/v1 with the write key and protocol', () => {
    expect(cdnSettingsFor('k1', { protocol: 'https', host: 'ingest.example.com' })).toEqual({
      integrations: {
        'Segment.io': { apiKey: 'k1', apiHost: 'ingest.example.com/v1', protocol: 'https' },
      },
      metrics: { sampleRate: 0, host: 'ingest.example.com/v1' },
    });
  });

  it('keeps a path prefix in apiHost', () => {
    const settings = cdnSettingsFor('k1', { protocol: 'http', host: 'example.com/meridian' });
    expect(settings.integrations['Segment.io']).toMatchObject({
      apiHost: 'example.com/meridian/v1',
      protocol: 'http',
    });
  });

  it('names no code for the SDK to download and no other destination', () => {
    const settings = cdnSettingsFor('k1', { protocol: 'https', host: 'ingest.example.com' });
    expect(Object.keys(settings).sort()).toEqual(['integrations', 'metrics']);
    expect(Object.keys(settings.integrations)).toEqual(['Segment.io']);
  });
});

describe('SdkSettingsService.settingsFor', () => {
  it('answers an active key with settings for the configured public URL, whatever the Host', async () => {
    const service = serviceWith({ publicUrl: { protocol: 'https', host: 'ingest.example.com' } });

    const settings = await service.settingsFor(ACTIVE_KEY, fromHost('10.0.0.7:8080'));

    expect(settings).toEqual(
      cdnSettingsFor(ACTIVE_KEY, { protocol: 'https', host: 'ingest.example.com' }),
    );
  });

  it('answers with the request Host when no public URL is configured', async () => {
    const service = serviceWith({ publicUrl: null });

    const settings = await service.settingsFor(ACTIVE_KEY, fromHost('localhost:8080'));

    expect(settings.integrations['Segment.io']).toMatchObject({
      apiHost: 'localhost:8080/v1',
      protocol: 'http',
    });
  });

  it("refuses an unknown or revoked key with Segment CDN's 404 text", async () => {
    const service = serviceWith({ publicUrl: null });

    const rejection = await rejectionOf(service.settingsFor('other-key', fromHost('localhost')));

    expect(rejection).toMatchObject({ status: 404, code: 'INVALID_WRITE_KEY' });
    expect(rejection.body).toBe(UNKNOWN_WRITE_KEY_TEXT);
  });

  it('refuses a request without a usable Host when no public URL is configured', async () => {
    const service = serviceWith({ publicUrl: null });

    const rejection = await rejectionOf(service.settingsFor(ACTIVE_KEY, fromHost('a/b')));

    expect(rejection.status).toBe(400);
    expect(rejection.body).toEqual({
      success: false,
      code: 'INVALID_HOST',
      message: expect.stringContaining('INGEST_PUBLIC_URL'),
    });
  });
});

describe('SdkSettingsService.discardMetrics', () => {
  const service = serviceWith({ publicUrl: null });

  /** A request whose body is `body`, with or without a Content-Length. */
  function metricsRequest(body: Buffer, declareLength = true): IncomingMessage {
    const stream = new PassThrough();
    const request = Object.assign(stream, {
      headers: declareLength ? { 'content-length': String(body.length) } : {},
    });
    stream.end(body);
    return request as unknown as IncomingMessage;
  }

  it('reads the body to its end', async () => {
    const request = metricsRequest(Buffer.from(JSON.stringify({ series: [] })));

    await service.discardMetrics(request);

    expect(request.readableEnded).toBe(true);
  });

  it.each([true, false])(
    'refuses a body over the limit (Content-Length declared: %s) with 413',
    async (declareLength) => {
      const request = metricsRequest(Buffer.alloc(MAX_METRICS_BYTES + 1), declareLength);

      const rejection = await rejectionOf(service.discardMetrics(request));

      expect(rejection).toMatchObject({ status: 413, code: 'METRICS_TOO_LARGE' });
    },
  );

  it('accepts a body of exactly the limit', async () => {
    await expect(
      service.discardMetrics(metricsRequest(Buffer.alloc(MAX_METRICS_BYTES), false)),
    ).resolves.toBeUndefined();
  });
});
