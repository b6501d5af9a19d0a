import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

/**
 * Segment's CDN answers an unknown write key with this text (404, text/plain). Tools check
 * for it, and analytics.js logs it with console.error, so it is kept word for word.
 */
export const UNKNOWN_WRITE_KEY_TEXT = 'Cannot GET - Invalid path or write key provided.';

const REJECTIONS = {
  INVALID_WRITE_KEY: 404,
  INVALID_HOST: 400,
  METRICS_TOO_LARGE: 413,
} as const satisfies Record<string, number>;

export type SdkSettingsRejectionCode = keyof typeof REJECTIONS;

/** A request the SDK routes refuse; answered by SdkSettingsRejectionFilter. */
export class SdkSettingsRejection extends Error {
  readonly status: number;

  constructor(
    readonly code: SdkSettingsRejectionCode,
    message: string,
  ) {
    super(message);
    this.name = 'SdkSettingsRejection';
    this.status = REJECTIONS[code];
  }

  /** Segment's text for an unknown key; ingestion's `{ success: false, code, message }` else. */
  get body(): string | { success: false; code: SdkSettingsRejectionCode; message: string } {
    return this.code === 'INVALID_WRITE_KEY'
      ? UNKNOWN_WRITE_KEY_TEXT
      : { success: false, code: this.code, message: this.message };
  }
}

/**
 * Writes an SdkSettingsRejection. No refusal may be cached: a key created a moment later
 * must load at once, even though the settings themselves may be cached for a while.
 */
@Catch(SdkSettingsRejection)
export class SdkSettingsRejectionFilter implements ExceptionFilter<SdkSettingsRejection> {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(rejection: SdkSettingsRejection, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const response = host.switchToHttp().getResponse<unknown>();
    const body = rejection.body;
    httpAdapter.setHeader(response, 'Cache-Control', 'no-store');
    if (typeof body === 'string') {
      httpAdapter.setHeader(response, 'Content-Type', 'text/plain; charset=utf-8');
    }
    httpAdapter.reply(response, body, rejection.status);
  }
}
