import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ProfileApiError } from '../profile-api';
import { MatchingError } from './matching-errors';

const INTERNAL_ERROR = {
  error: { code: 'internal_error', message: 'the request failed; see the server log' },
};

/**
 * Answers every error of the matching API as the profile API does, `{ "error": { code,
 * message } }`: refusals of access and input (ProfileApiError: 400, 401, 403), of state
 * (MatchingError: 404, 409) with their status; anything else as a 500 that is logged.
 */
@Catch()
export class MatchingApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('MatchingApi');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<unknown>();
    const reply = (body: unknown, status: number) =>
      this.adapterHost.httpAdapter.reply(response, body, status);
    if (exception instanceof ProfileApiError || exception instanceof MatchingError) {
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
