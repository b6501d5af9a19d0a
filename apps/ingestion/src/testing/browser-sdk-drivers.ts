/**
 * What specs run inside the SDK page (page.evaluate): the slice of analytics.js's API they
 * use, and drivers. A driver is serialised into the page, so it may use nothing but its
 * argument and the page's globals.
 */

/** The slice of the SDK's API the drivers use; they run in the page, not in Node. */
export interface SdkContext {
  readonly event: { readonly messageId: string };
  failedDelivery(): unknown;
  logs(): readonly { readonly level: string; readonly message: string }[];
}
export interface SdkBrowser {
  identify(userId: string, traits: object): Promise<SdkContext>;
  track(event: string, properties: object): Promise<SdkContext>;
  page(category: string, name: string, properties: object): Promise<SdkContext>;
  group(groupId: string, traits: object): Promise<SdkContext>;
  alias(to: string): Promise<SdkContext>;
  on(event: 'error', listener: (error: { code?: string }) => void): void;
  user(): Promise<{ anonymousId(): string | null }>;
  /** Settles once the SDK has loaded (its settings fetched) or failed to. */
  then(onLoaded: () => null, onFailed: (error: unknown) => string): Promise<string | null>;
}
export interface SdkGlobal {
  readonly AnalyticsNext: {
    readonly AnalyticsBrowser: { load(settings: object, options?: object): SdkBrowser };
  };
  readonly navigator: { readonly userAgent: string };
}

/** What the in-page driver of the standard deployment is told. */
export interface CdnDriverSettings {
  readonly writeKey: string;
  /** Where the SDK fetches `/v1/projects/{writeKey}/settings`: ingestion itself. */
  readonly cdnURL: string;
}

/** What it reports: why the SDK did not load, or how its one track call went. */
export interface CdnDriverReport {
  readonly loadError: string | null;
  readonly messageId: string | null;
  readonly failedDelivery: boolean;
  readonly errorLogs: readonly string[];
  readonly sdkErrors: readonly string[];
}

/**
 * Runs in the page: loads the SDK the standard way, with nothing but the write key and the
 * URL to fetch its settings from, and tracks one event straight away, as pages do before
 * the settings have arrived (the SDK buffers the call until it has loaded).
 */
export async function driveSdkFromCdn({
  writeKey,
  cdnURL,
}: CdnDriverSettings): Promise<CdnDriverReport> {
  // Declared in here: a driver takes nothing from its module into the page.
  const hasSdk = (scope: object): scope is SdkGlobal => 'AnalyticsNext' in scope;
  const page: object = globalThis;
  if (!hasSdk(page)) throw new Error('the page has not loaded analytics.js');
  const analytics = page.AnalyticsNext.AnalyticsBrowser.load({ writeKey, cdnURL });
  const sdkErrors: string[] = [];
  analytics.on('error', (error) => sdkErrors.push(String(error.code)));
  // A buffered call never settles when loading fails, so it is awaited only after a load.
  const tracked = analytics.track('Order Completed', { revenue: 42, currency: 'EUR' });
  const loadError = await analytics.then(
    () => null,
    (error) => String(error),
  );
  if (loadError !== null) {
    return { loadError, messageId: null, failedDelivery: false, errorLogs: [], sdkErrors };
  }
  const ctx = await tracked;
  return {
    loadError,
    messageId: ctx.event.messageId,
    failedDelivery: Boolean(ctx.failedDelivery()),
    errorLogs: ctx
      .logs()
      .filter((log) => log.level === 'error')
      .map((log) => log.message),
    sdkErrors,
  };
}
