import { testInfra, uniqueNamespace } from '@meridian/testing';
import { basicAuthHeader, IngestionTestBed, postJson } from '../testing/ingestion-test-bed';

const WRITE_KEY = 'nostream-spec-key';

describe('ingestion on a namespace nobody provisioned', () => {
  const infra = testInfra();
  let bed: IngestionTestBed;
  let url: string;

  beforeAll(async () => {
    bed = await IngestionTestBed.start({
      ...infra,
      namespace: uniqueNamespace('nostream'),
      partitions: 2,
      provision: false,
    });
    url = (await bed.startInstance()).url;
    await bed.seed({ workspaceId: 'ws_spec', sourceId: 'src_spec', writeKey: WRITE_KEY });
  });

  afterAll(async () => {
    await bed?.close();
  });

  it.each([
    ['/v1/track', { messageId: 'spec-503', userId: 'u', event: 'E' }],
    [
      '/v1/batch',
      {
        batch: [
          { type: 'identify', userId: 'u' },
          { type: 'track', userId: 'v', event: 'E' },
        ],
      },
    ],
  ])('answers %s with 503 STREAM_UNAVAILABLE and Retry-After', async (path, body) => {
    const response = await postJson(`${url}${path}`, body, {
      authorization: basicAuthHeader(WRITE_KEY),
    });

    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toMatchObject({ success: false, code: 'STREAM_UNAVAILABLE' });
  });
});
