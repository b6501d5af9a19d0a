import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ScoringApiError } from './scoring-api-error';

const INTERNAL_ERROR = {
  error: { code: 'internal_error', message: 'the request failed; see the server log' },
};

/**
 * Answers every error of scoring's HTTP APIs as `{ "error": { code, message } }`: refusals
 * (ScoringApiError) with their status, Nest's own 4xx (a malformed JSON body) likewise, anything
 * else as a 500 whose details are logged, not sent.
 */
@Catch()
export class ScoringApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ScoringApi');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<unknown>();
    const reply = (body: unknown, status: number) =>
      this.adapterHost.httpAdapter.reply(response, body, status);
    if (exception instanceof ScoringApiError) {
      reply(exception.body(), exception.status);
      return;
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      reply({ error: { code: `http_${status}`, message: exception.message } }, status);
      return;
    }
    this.logger.error(exception);
    reply(INTERNAL_ERROR, 500);
  }
}
