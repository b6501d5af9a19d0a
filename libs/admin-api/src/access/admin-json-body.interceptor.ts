import type { Readable } from 'node:stream';
import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { from, switchMap, type Observable } from 'rxjs';
import { isJsonContentType, readJsonBody } from './json-body';

/** What the interceptor touches of a request (Express's shape). */
interface BodyRequest extends Readable {
  readonly headers: { readonly 'content-type'?: string };
  body?: unknown;
}

/**
 * Parses JSON bodies of admin routes into `request.body` for @Body(). Runs after the guard,
 * so an unauthenticated caller cannot make the server buffer a body. Bodies of other types
 * are left unread, for routes that stream them (imports).
 */
@Injectable()
export class AdminJsonBodyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<BodyRequest>();
    if (!isJsonContentType(request.headers['content-type']) || request.body !== undefined)
      return next.handle();
    return from(readJsonBody(request)).pipe(
      switchMap((body) => {
        request.body = body;
        return next.handle();
      }),
    );
  }
}
