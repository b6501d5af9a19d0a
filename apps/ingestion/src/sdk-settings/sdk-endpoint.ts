import type { IncomingMessage } from 'node:http';
import { TLSSocket } from 'node:tls';
import { z } from 'zod';

/** Where browsers reach this ingestion, in the two parts analytics.js's settings take. */
export interface SdkEndpoint {
  readonly protocol: 'http' | 'https';
  /** host[:port] and any path prefix a proxy mounts ingestion under; no trailing slash. */
  readonly host: string;
}

/**
 * INGEST_PUBLIC_URL: the http(s) URL browsers reach ingestion at, e.g.
 * `https://ingest.example.com` or `https://example.com/meridian` behind a proxy that mounts
 * it under a path. Parsed into the SdkEndpoint the SDK settings name.
 */
export const PublicUrl = z
  .url({
    protocol: /^https?$/,
    error: 'expected an http(s) URL such as https://ingest.example.com',
  })
  .transform((value, ctx): SdkEndpoint => {
    const url = new URL(value);
    if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
      ctx.addIssue({
        code: 'custom',
        input: value,
        message: 'expected a URL without query, fragment or credentials',
      });
      return z.NEVER;
    }
    return {
      protocol: url.protocol === 'https:' ? 'https' : 'http',
      host: `${url.host}${url.pathname.replace(/\/+$/, '')}`,
    };
  });
export type PublicUrl = z.output<typeof PublicUrl>;

/**
 * A Host header that is a host name, IPv4 or [IPv6] address, with an optional port: nothing
 * that could add a path, credentials or another scheme to the URLs the settings hand out.
 */
const HOST_HEADER = /^(?:[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The endpoint a request reached, for when INGEST_PUBLIC_URL is unset: its Host header, and
 * https only when this process terminated TLS itself. X-Forwarded-Host/-Proto are ignored on
 * purpose: any client can send them, and a shared cache keyed on the URL alone would hand
 * the settings they produced to everyone. Null when the Host header is missing or malformed.
 */
export function endpointOfRequest(
  request: Pick<IncomingMessage, 'headers' | 'socket'>,
): SdkEndpoint | null {
  const host = request.headers.host;
  if (host === undefined || !HOST_HEADER.test(host)) return null;
  return { protocol: request.socket instanceof TLSSocket ? 'https' : 'http', host };
}
