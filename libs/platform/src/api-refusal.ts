import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

/**
 * A request a service's HTTP API refuses, answered as `{ "error": { code, message } }` with
 * its status (the admin API's shape) by ApiRefusalFilter. Each API names its own codes.
 */
export abstract class ApiRefusal extends Error {
  abstract readonly code: string;
  abstract get status(): number;

  body(): { readonly error: { readonly code: string; readonly message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

const INTERNAL_ERROR = {
  error: { code: 'internal_error', message: 'the request failed; see the server log' },
};

/**
 * Answers every error of an HTTP API as `{ "error": { code, message } }`: refusals
 * (ApiRefusal) with their status, Nest's own 4xx (a malformed JSON body) as `http_<status>`,
 * anything else as a 500 whose details are logged, not sent.
 */
@Catch()
export class ApiRefusalFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpApi');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<unknown>();
    const reply = (body: unknown, status: number) =>
      this.adapterHost.httpAdapter.reply(response, body, status);
    if (exception instanceof ApiRefusal) {
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
