import type {
  CorsOptions,
  CorsOptionsCallback,
} from '@nestjs/common/interfaces/external/cors-options.interface';

/** The Segment-compatible API; the browser SDK posts to it from the customer's pages. */
const SEGMENT_API_PREFIX = '/v1/';

/**
 * CORS for the Segment API. analytics.js posts from any web site with `Content-Type:
 * text/plain` and Basic auth, so the browser asks first (preflight). Any origin may: the
 * write key in the request is the only credential, no cookie ever is, so `*` without
 * credentials gives a page nothing it could not do from a server. Request headers are
 * reflected (the default), so headers added with the SDK's `headers` option pass too.
 * Retry-After is exposed because the SDK reads it on a 429 to pace its retries.
 */
export const SEGMENT_API_CORS: CorsOptions = {
  origin: '*',
  methods: ['POST'],
  exposedHeaders: ['Retry-After'],
  // Chromium caps this at two hours; it spares a preflight before every call.
  maxAge: 7200,
  optionsSuccessStatus: 204,
};

/**
 * The source settings analytics.js loads (`${cdnURL}/v1/projects/{writeKey}/settings`, served
 * by the sdk-settings feature) with a plain GET from the customer's pages. It carries no
 * credential at all, and the write key in its path is public, so any origin may read it.
 */
const SDK_SETTINGS_PATH = /^\/v1\/projects\/[^/?#]+\/settings\/?(?:[?#]|$)/;

export const SDK_SETTINGS_CORS: CorsOptions = {
  origin: '*',
  methods: ['GET'],
  maxAge: 7200,
  optionsSuccessStatus: 204,
};

/**
 * Nest's CORS option for the ingestion app: the SDK settings get SDK_SETTINGS_CORS, the
 * rest of the Segment API SEGMENT_API_CORS, every other route (admin API, metrics, health)
 * no CORS headers at all, so browsers keep refusing cross-origin calls to them.
 */
export function segmentApiCors(
  request: { readonly url?: string | undefined },
  callback: CorsOptionsCallback,
): void {
  const url = request.url ?? '';
  if (SDK_SETTINGS_PATH.test(url)) {
    callback(null, SDK_SETTINGS_CORS);
    return;
  }
  callback(null, url.startsWith(SEGMENT_API_PREFIX) ? SEGMENT_API_CORS : { origin: false });
}
