import type { Browser, Page } from 'playwright-core';
import { testInfra, uniqueNamespace } from '@meridian/testing';
import { UNKNOWN_WRITE_KEY_TEXT } from '../sdk-settings';
import {
  ANALYTICS_NEXT_VERSION,
  launchChromium,
  SDK_PAGE_PATH,
  SDK_PAGE_TITLE,
  SdkPage,
  startSdkPageServer,
  type SdkPageServer,
  type SeenRequest,
} from '../testing/browser-sdk';
import { driveSdkFromCdn, type SdkContext, type SdkGlobal } from '../testing/browser-sdk-drivers';
import {
  basicAuthHeader,
  IngestionTestBed,
  type IngestionInstance,
  type StoredCall,
} from '../testing/ingestion-test-bed';

const WRITE_KEY = 'browser-sdk-spec-key';
const QUERY = '?utm_source=newsletter';

/** What the in-page driver is told. */
interface DriverSettings {
  readonly writeKey: string;
  /** host:port/v1, as Segment's docs have it for a custom API host. */
  readonly apiHost: string;
  readonly batching: boolean;
}

/** What the in-page driver reports about each call and the SDK. */
interface DriverReport {
  readonly messageIds: Readonly<Record<CallName, string>>;
  readonly failedDeliveries: readonly string[];
  readonly errorLogs: readonly string[];
  readonly sdkErrors: readonly string[];
  readonly anonymousId: string | null;
  readonly userAgent: string;
}

type CallName = 'alias' | 'identify' | 'track' | 'page' | 'group';

/**
 * Runs in the page: loads the SDK the documented way for a custom API host (settings given
 * inline, so nothing is fetched from Segment's CDN) and makes one call of each type.
 */
async function driveSdk({ writeKey, apiHost, batching }: DriverSettings): Promise<DriverReport> {
  const sdkGlobal = globalThis as unknown as SdkGlobal;
  const analytics = sdkGlobal.AnalyticsNext.AnalyticsBrowser.load(
    { writeKey, cdnSettings: { integrations: { 'Segment.io': { apiKey: writeKey } } } },
    {
      integrations: {
        'Segment.io': {
          apiHost,
          protocol: 'http',
          // Five calls fill the batch, so it is sent at once rather than after the timeout.
          ...(batching ? { deliveryStrategy: { strategy: 'batching', config: { size: 5 } } } : {}),
        },
      },
    },
  );
  const sdkErrors: string[] = [];
  analytics.on('error', (error) => sdkErrors.push(String(error.code)));
  const contexts: Record<CallName, SdkContext> = {
    // A visitor signs up: the anonymous visitor is aliased to the new user, then identified.
    alias: await analytics.alias('browser-user'),
    identify: await analytics.identify('browser-user', { email: 'ada@example.com' }),
    track: await analytics.track('Order Completed', { revenue: 42, currency: 'EUR' }),
    page: await analytics.page('Docs', 'Pricing', { plan: 'pro' }),
    group: await analytics.group('acme', { employees: 12 }),
  };
  const all = Object.values(contexts);
  return {
    messageIds: {
      alias: contexts.alias.event.messageId,
      identify: contexts.identify.event.messageId,
      track: contexts.track.event.messageId,
      page: contexts.page.event.messageId,
      group: contexts.group.event.messageId,
    },
    failedDeliveries: all.filter((ctx) => ctx.failedDelivery()).map((ctx) => ctx.event.messageId),
    errorLogs: all
      .flatMap((ctx) => ctx.logs().filter((log) => log.level === 'error'))
      .map((log) => log.message),
    sdkErrors,
    anonymousId: (await analytics.user()).anonymousId(),
    userAgent: sdkGlobal.navigator.userAgent,
  };
}

/**
 * Contract: Segment's official browser SDK (analytics.js 2.0, its prebuilt bundle from the npm
 * package) in a real Chromium, pointed at ingestion, delivers every call type from another origin.
 */
describe("Segment's analytics-next browser SDK in Chromium against ingestion", () => {
  const infra = testInfra();
  let bed: IngestionTestBed;
  let ingestion: IngestionInstance;
  let site: SdkPageServer;
  let browser: Browser;
  let sdkPage: SdkPage | undefined;

  beforeAll(async () => {
    bed = await IngestionTestBed.start({
      ...infra,
      namespace: uniqueNamespace('browsersdk'),
      partitions: 4,
    });
    ingestion = await bed.startInstance();
    await bed.seed({ workspaceId: 'ws_browser', sourceId: 'src_browser', writeKey: WRITE_KEY });
    site = await startSdkPageServer();
    browser = await launchChromium();
  });

  afterEach(async () => {
    await sdkPage?.close();
    sdkPage = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await bed?.close();
  });

  const apiHost = () => `${new URL(ingestion.url).host}/v1`;

  /**
   * Opens the page, drives the SDK with `drive` and returns its report with the requests
   * ingestion got, once sure that the page asked nothing of any other host.
   */
  async function drivePage<Report>(
    drive: (page: Page) => Promise<Report>,
  ): Promise<{ report: Report; sent: SeenRequest[] }> {
    sdkPage = await SdkPage.open(browser, site, QUERY);
    const report = await drive(sdkPage.page);
    const requests = await sdkPage.requests();
    const foreign = requests.filter(
      ({ url }) => ![site.origin, ingestion.url].includes(new URL(url).origin),
    );
    expect(foreign.map(({ url }) => url)).toEqual([]);
    expect(site.unknownPaths).toEqual([]);
    return { report, sent: requests.filter(({ url }) => url.startsWith(ingestion.url)) };
  }

  /** Loads the SDK with inline settings and makes one call of each type. */
  function run(batching: boolean, writeKey = WRITE_KEY) {
    const settings: DriverSettings = { writeKey, apiHost: apiHost(), batching };
    return drivePage((page) => page.evaluate(driveSdk, settings));
  }

  async function storedByMessageId(): Promise<Map<string, StoredCall['event']>> {
    return new Map(
      (await bed.storedCalls()).map(({ event }) => [event.payload.call.messageId, event]),
    );
  }

  /** What every call of the page carries, whichever way it was delivered. */
  function expectBrowserCalls(report: DriverReport, stored: Map<string, StoredCall['event']>) {
    const pageUrl = `${site.origin}${SDK_PAGE_PATH}${QUERY}`;
    const browserContext = {
      library: { name: 'analytics.js', version: expect.stringContaining(ANALYTICS_NEXT_VERSION) },
      userAgent: report.userAgent,
      page: { path: SDK_PAGE_PATH, search: QUERY, title: SDK_PAGE_TITLE, url: pageUrl },
      campaign: { source: 'newsletter' },
    };
    const call = (name: CallName) => {
      const event = stored.get(report.messageIds[name]);
      expect(event?.workspaceId).toBe('ws_browser');
      expect(event?.payload.sourceId).toBe('src_browser');
      return event?.payload.call;
    };
    const identity = { userId: 'browser-user', anonymousId: report.anonymousId };
    expect(report.anonymousId).toEqual(expect.any(String));
    expect(call('identify')).toMatchObject({
      type: 'identify',
      ...identity,
      traits: { email: 'ada@example.com' },
      context: browserContext,
    });
    expect(call('track')).toMatchObject({
      type: 'track',
      ...identity,
      event: 'Order Completed',
      properties: { revenue: 42, currency: 'EUR' },
      context: browserContext,
    });
    expect(call('page')).toMatchObject({
      type: 'page',
      ...identity,
      category: 'Docs',
      name: 'Pricing',
      properties: { plan: 'pro', path: SDK_PAGE_PATH, url: pageUrl, title: SDK_PAGE_TITLE },
      context: browserContext,
    });
    expect(call('group')).toMatchObject({
      type: 'group',
      ...identity,
      groupId: 'acme',
      traits: { employees: 12 },
      context: browserContext,
    });
    expect(call('alias')).toMatchObject({
      type: 'alias',
      userId: 'browser-user',
      previousId: report.anonymousId,
      context: browserContext,
    });
    expect(call('track')?.originalTimestamp).toEqual(expect.any(String));
    expect(call('track')?.sentAt).toEqual(expect.any(String));
  }

  it('delivers alias, identify, track, page and group one request each, cross-origin, without a retry', async () => {
    const { report, sent } = await run(false);

    expect(report).toMatchObject({ failedDeliveries: [], errorLogs: [], sdkErrors: [] });
    // analytics.js posts each call to its short path (/v1/i, /v1/t, ...), as text/plain
    // with Basic auth, which makes the browser send a CORS preflight first.
    expect(
      sent.map(({ method, url, status, failure }) => ({ method, url, status, failure })),
    ).toEqual(
      ['a', 'i', 't', 'p', 'g'].map((path) => ({
        method: 'POST',
        url: `${ingestion.url}/v1/${path}`,
        status: 200,
        failure: null,
      })),
    );
    for (const request of sent) {
      expect(request.headers).toMatchObject({
        'content-type': 'text/plain',
        authorization: basicAuthHeader(WRITE_KEY),
        origin: site.origin,
      });
      expect(request.headers['x-retry-count']).toBeUndefined();
      expect(JSON.parse(request.body ?? '{}')).toMatchObject({ writeKey: WRITE_KEY });
    }
    expectBrowserCalls(report, await storedByMessageId());
  });

  it('delivers the calls in one text/plain /v1/b request with the batching delivery strategy', async () => {
    const { report, sent } = await run(true);

    expect(report).toMatchObject({ failedDeliveries: [], errorLogs: [], sdkErrors: [] });
    expect(
      sent.map(({ method, url, status, failure }) => ({ method, url, status, failure })),
    ).toEqual([{ method: 'POST', url: `${ingestion.url}/v1/b`, status: 200, failure: null }]);
    const [request] = sent;
    expect(request?.headers).toMatchObject({
      'content-type': 'text/plain',
      authorization: basicAuthHeader(WRITE_KEY),
    });
    expect(JSON.parse(request?.body ?? '{}')).toMatchObject({
      writeKey: WRITE_KEY,
      sentAt: expect.any(String),
      batch: Object.values(report.messageIds).map((messageId) => ({ messageId })),
    });
    expectBrowserCalls(report, await storedByMessageId());
  });

  it('reports an unknown write key as a failed delivery the SDK does not retry', async () => {
    const { report, sent } = await run(false, 'not-a-browser-key');

    // The 401 reaches the SDK as a response (CORS headers on errors too), not as a network
    // failure, so it drops the calls instead of retrying them with backoff.
    expect(sent.map(({ status, failure }) => ({ status, failure }))).toEqual(
      Array.from({ length: 5 }, () => ({ status: 401, failure: null })),
    );
    expect(report.failedDeliveries).toEqual(Object.values(report.messageIds));
    expect(report.sdkErrors).toEqual(Array.from({ length: 5 }, () => 'delivery_failure'));
    const stored = await storedByMessageId();
    expect(Object.values(report.messageIds).filter((id) => stored.has(id))).toEqual([]);
  });

  it('loads its settings from ingestion when given only a cdnURL, and delivers a track there', async () => {
    const { report, sent } = await drivePage((page) =>
      page.evaluate(driveSdkFromCdn, { writeKey: WRITE_KEY, cdnURL: ingestion.url }),
    );

    expect(report).toMatchObject({
      loadError: null,
      failedDelivery: false,
      errorLogs: [],
      sdkErrors: [],
    });
    // The settings, then the call: no metrics, no plugin or chunk from any CDN.
    expect(
      sent.map(({ method, url, status, failure }) => ({ method, url, status, failure })),
    ).toEqual([
      {
        method: 'GET',
        url: `${ingestion.url}/v1/projects/${WRITE_KEY}/settings`,
        status: 200,
        failure: null,
      },
      { method: 'POST', url: `${ingestion.url}/v1/t`, status: 200, failure: null },
    ]);
    expect(sent[1]?.headers).toMatchObject({ authorization: basicAuthHeader(WRITE_KEY) });
    const stored = (await storedByMessageId()).get(report.messageId ?? '');
    expect(stored?.workspaceId).toBe('ws_browser');
    expect(stored?.payload.sourceId).toBe('src_browser');
    expect(stored?.payload.call).toMatchObject({
      type: 'track',
      event: 'Order Completed',
      properties: { revenue: 42, currency: 'EUR' },
      context: { library: { name: 'analytics.js' } },
    });
  });

  it('does not load for an unknown write key given only a cdnURL, and sends no call', async () => {
    const { report, sent } = await drivePage((page) =>
      page.evaluate(driveSdkFromCdn, { writeKey: 'not-a-browser-key', cdnURL: ingestion.url }),
    );

    // The 404 is readable cross-origin, so the SDK fails with Segment's own words.
    expect(report.loadError).toContain(UNKNOWN_WRITE_KEY_TEXT);
    expect(sent.map(({ method, url, status }) => ({ method, url, status }))).toEqual([
      {
        method: 'GET',
        url: `${ingestion.url}/v1/projects/not-a-browser-key/settings`,
        status: 404,
      },
    ]);
  });
});
