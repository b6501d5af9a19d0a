import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { IngestRejection } from './ingest-rejection';

/** Writes every IngestRejection as `{ success: false, code, message, issues? }` with its status. */
@Catch(IngestRejection)
export class IngestRejectionFilter implements ExceptionFilter<IngestRejection> {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(rejection: IngestRejection, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const response = host.switchToHttp().getResponse<unknown>();
    for (const [name, value] of Object.entries(rejection.headers)) {
      httpAdapter.setHeader(response, name, value);
    }
    httpAdapter.reply(response, rejection.body, rejection.status);
  }
}
