import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import { z } from 'zod';

/**
 * Where Debian's `chromium` package puts the browser. tools/setup/ensure-chromium.sh (run by
 * `./meridian setup`) installs it; a missing browser fails the browser specs, never skips them.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Segment's prebuilt browser bundle as the npm package ships it (UMD: `window.AnalyticsNext`). */
const BUNDLE_PATH = require.resolve('@segment/analytics-next/dist/umd/index.js');

/** The installed @segment/analytics-next version, which the SDK reports as context.library. */
export const ANALYTICS_NEXT_VERSION = z
  .object({ version: z.string() })
  .parse(
    JSON.parse(readFileSync(require.resolve('@segment/analytics-next/package.json'), 'utf8')),
  ).version;

/** The page the SDK runs in; its query string gives the SDK campaign fields to report. */
export const SDK_PAGE_PATH = '/pricing';
export const SDK_PAGE_TITLE = 'Meridian pricing';

const BUNDLE_ROUTE = '/analytics-next.js';
const PAGE_HTML = `<!doctype html>
<html>
  <head>
    <meta charset="utf-8" />
    <link rel="icon" href="data:," />
    <title>${SDK_PAGE_TITLE}</title>
    <script src="${BUNDLE_ROUTE}"></script>
  </head>
  <body><h1>Pricing</h1></body>
</html>
`;

/** A local web site serving one page that loads the SDK bundle from node_modules. */
export interface SdkPageServer {
  /** http://127.0.0.1:<port>, no trailing slash; a different origin from ingestion's. */
  readonly origin: string;
  /** Paths asked for that the site does not have (e.g. lazily loaded SDK chunks). */
  readonly unknownPaths: readonly string[];
  close(): Promise<void>;
}

export async function startSdkPageServer(): Promise<SdkPageServer> {
  const bundle = readFileSync(BUNDLE_PATH);
  const unknownPaths: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://page.invalid').pathname;
    if (path === SDK_PAGE_PATH) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE_HTML);
    } else if (path === BUNDLE_ROUTE) {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    } else {
      unknownPaths.push(path);
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('the SDK page server has no TCP address');
  }
  return {
    origin: `http://127.0.0.1:${address.port}`,
    unknownPaths,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * Headless Chromium that cannot reach the internet: every host name resolves to nothing, so
 * only the 127.0.0.1 servers of the spec answer. Request interception (page.route) is not
 * used on purpose: with it, Playwright answers CORS preflights itself, which would hide
 * whether ingestion answers them.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}: run tools/setup/ensure-chromium.sh ` +
        '(./meridian setup runs it) or `apt-get install -y chromium`',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
}

/** One request the page made, and how it ended. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
  /** The response status; null when the request failed. */
  readonly status: number | null;
  /** Chromium's error text (e.g. net::ERR_FAILED for a CORS refusal); null on a response. */
  readonly failure: string | null;
}

/** A page in a fresh browser context (own storage and cookies), recording its requests. */
export class SdkPage {
  private readonly pending: Promise<SeenRequest>[] = [];

  private constructor(readonly page: Page) {
    page.on('request', (request) => this.pending.push(settle(page, request)));
  }

  static async open(browser: Browser, site: SdkPageServer, query = ''): Promise<SdkPage> {
    const context = await browser.newContext();
    const sdkPage = new SdkPage(await context.newPage());
    await sdkPage.page.goto(`${site.origin}${SDK_PAGE_PATH}${query}`);
    return sdkPage;
  }

  /** Every request made so far, once each has been answered or has failed. */
  requests(): Promise<SeenRequest[]> {
    return Promise.all(this.pending);
  }

  close(): Promise<void> {
    return this.page.context().close();
  }
}

/** The request as seen once it has finished or failed. */
function settle(page: Page, request: Request): Promise<SeenRequest> {
  return new Promise((resolve, reject) => {
    const seen = async (failure: string | null) => {
      const response = failure === null ? await request.response() : null;
      return {
        method: request.method(),
        url: request.url(),
        headers: await request.allHeaders(),
        body: request.postData(),
        status: response?.status() ?? null,
        failure,
      };
    };
    const onFinished = (finished: Request) => {
      if (finished !== request) return;
      stop();
      seen(null).then(resolve, reject);
    };
    const onFailed = (failed: Request) => {
      if (failed !== request) return;
      stop();
      seen(failed.failure()?.errorText ?? 'failed').then(resolve, reject);
    };
    const stop = () => {
      page.off('requestfinished', onFinished);
      page.off('requestfailed', onFailed);
    };
    page.on('requestfinished', onFinished);
    page.on('requestfailed', onFailed);
  });
}
