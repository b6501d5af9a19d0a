import type { IncomingMessage } from 'node:http';
import type { WriteKeyService } from '@meridian/workspaces';
import { cdnSettingsFor, type CdnSettings } from './cdn-settings';
import { BodyTooLargeError, discardBody } from './discard-body';
import { endpointOfRequest, type SdkEndpoint } from './sdk-endpoint';
import { SdkSettingsRejection } from './sdk-settings-rejection';

/**
 * The largest metrics body read. analytics.js queues at most 20 counters of about 200 bytes
 * before it posts them, so 16 KB is ample and anything larger is not the SDK's.
 */
export const MAX_METRICS_BYTES = 16 * 1024;

export interface SdkSettingsOptions {
  /** INGEST_PUBLIC_URL; null: each request's own Host (see endpointOfRequest). */
  readonly publicUrl: SdkEndpoint | null;
}

/** What the SDK settings routes read of a request. */
export type SdkRequest = Pick<IncomingMessage, 'headers' | 'socket'>;

/** Serves analytics.js its source settings and takes its usage metrics. */
export class SdkSettingsService {
  constructor(
    private readonly writeKeys: Pick<WriteKeyService, 'authenticate'>,
    private readonly options: SdkSettingsOptions,
  ) {}

  /**
   * The settings for an active write key, pointing the SDK at this ingestion. An unknown or
   * revoked key is refused as Segment's CDN refuses it, so the SDK does not load at all
   * rather than sending calls that would each be refused.
   */
  async settingsFor(writeKey: string, request: SdkRequest): Promise<CdnSettings> {
    const endpoint = this.options.publicUrl ?? endpointOfRequest(request);
    if (endpoint === null) {
      throw new SdkSettingsRejection(
        'INVALID_HOST',
        'the request has no usable Host header; set INGEST_PUBLIC_URL',
      );
    }
    if ((await this.writeKeys.authenticate(writeKey)) === null) {
      throw new SdkSettingsRejection('INVALID_WRITE_KEY', 'unknown or revoked write key');
    }
    return cdnSettingsFor(writeKey, endpoint);
  }

  /**
   * Reads a metrics post to its end and keeps nothing: the counters describe Segment's SDK,
   * not the customer's visitors. Accepting them spares browsers a 404 every 30 seconds.
   */
  async discardMetrics(request: IncomingMessage): Promise<void> {
    try {
      await discardBody(request, request.headers['content-length'], MAX_METRICS_BYTES);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      throw new SdkSettingsRejection('METRICS_TOO_LARGE', error.message);
    }
  }
}
