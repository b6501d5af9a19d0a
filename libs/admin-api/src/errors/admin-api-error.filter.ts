import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AdminApiError } from './admin-api-error';

const CODES_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'invalid_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/**
 * Answers every error of an admin route as `{ "error": { code, message, issues? } }`.
 * Applied per route by @AdminRoute, not globally: the ingest endpoints answer in Segment's
 * format through their own filter. Unexpected errors become a 500 without their details,
 * which are logged instead.
 */
@Catch()
export class AdminApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('AdminApi');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const error = adminErrorOf(exception);
    if (error.status >= 500) this.logger.error(exception);
    const response = host.switchToHttp().getResponse<unknown>();
    this.adapterHost.httpAdapter.reply(response, error.body(), error.status);
  }
}

/** The AdminApiError an exception is answered as. */
export function adminErrorOf(exception: unknown): AdminApiError {
  if (exception instanceof AdminApiError) return exception;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return new AdminApiError(
      status,
      CODES_BY_STATUS[status] ?? `http_${status}`,
      exception.message,
    );
  }
  return new AdminApiError(500, 'internal_error', 'the request failed; see the server log');
}
