import type { SdkEndpoint } from './sdk-endpoint';

/**
 * The source settings analytics.js (@segment/analytics-next) loads from
 * `${cdnURL}/v1/projects/${writeKey}/settings` when it is not given `cdnSettings` inline.
 * Only what the SDK needs to deliver to Meridian: every other field Segment's CDN serves
 * (remotePlugins, enabledMiddleware, middlewareSettings.routingRules, legacyVideoPluginsEnabled,
 * more integrations than Segment.io) makes the SDK download code, from Segment's CDN or from
 * ours, and is left out so that it never does. Absent `plan`, `consentSettings` and
 * `edgeFunction` mean what they mean at Segment: no plan, no consent mapping, no signals.
 */
export interface CdnSettings {
  readonly integrations: { readonly 'Segment.io': SegmentIoSettings };
  readonly metrics: SdkMetricsSettings;
}

/** The SDK's own destination: where it posts calls (`${protocol}://${apiHost}/t`, ...). */
export interface SegmentIoSettings {
  /** Sent as the body's writeKey and Basic auth user. */
  readonly apiKey: string;
  /** `<host>/v1`, without scheme, as Segment names its own `api.segment.io/v1`. */
  readonly apiHost: string;
  readonly protocol: 'http' | 'https';
}

/** The SDK's usage telemetry (counters posted to `${protocol}://${host}/m`). */
export interface SdkMetricsSettings {
  /** 0: the SDK collects and sends none. */
  readonly sampleRate: 0;
  readonly host: string;
}

/**
 * The settings for an active write key. Metrics are turned off: they are Segment's telemetry
 * about its SDK, Meridian keeps none of it, and visitors' bandwidth is better spent on calls.
 * They point at us all the same, so that a page turning sampling back on (the SDK's
 * updateCDNSettings option) sends nothing to Segment.
 */
export function cdnSettingsFor(writeKey: string, endpoint: SdkEndpoint): CdnSettings {
  const apiHost = `${endpoint.host}/v1`;
  return {
    integrations: { 'Segment.io': { apiKey: writeKey, apiHost, protocol: endpoint.protocol } },
    metrics: { sampleRate: 0, host: apiHost },
  };
}
