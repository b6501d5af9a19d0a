import type { ConsumerDefinition } from '@meridian/contracts';
import { UseFilters, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { PARAM_ARGS_METADATA } from '@nestjs/microservices/constants';
import { throwError, type Observable } from 'rxjs';
import type { z } from 'zod';
import type { JetStreamContext } from './context';
import { encodePattern } from './pattern';

/** Transport id of the JetStream server; handlers declared here go to no other transport. */
export const JETSTREAM_TRANSPORT = Symbol('JetStreamTransport');

/** Key of the handler's declaration in Nest's pattern extras. */
export const HANDLER_EXTRAS_KEY = 'jetstream';

/** An envelope schema with a literal type and version, as `defineEvent` builds them. */
export type EventSchema = z.ZodType<{ type: string; version: number }> & {
  readonly shape: { readonly type: z.ZodLiteral<string>; readonly version: z.ZodLiteral<number> };
};

export type JetStreamHandlerMethod<Schema extends EventSchema> = (
  event: z.output<Schema>,
  context: JetStreamContext,
) => unknown;

/**
 * Nest's default RPC exception filter replaces any error by "Internal server error". The
 * transport must see the original (a PermanentError is dead-lettered, others retried), so
 * handlers declared here rethrow what they threw.
 */
class RethrowOriginalError implements ExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
const rethrowOriginalError = new RethrowOriginalError();

/**
 * Declares a handler for one event type and version arriving on one consumer:
 * `@JetStreamHandler(consumers.identityIngest, CallAcceptedV1)`. The method receives the event
 * validated by the schema and a JetStreamContext; returning normally acks the message, throwing
 * retries it (or dead-letters it, for a PermanentError or on the last delivery).
 */
export function JetStreamHandler<Schema extends EventSchema>(
  consumer: ConsumerDefinition,
  schema: Schema,
) {
  const pattern = encodePattern({
    consumer: consumer.name,
    type: schema.shape.type.value,
    version: schema.shape.version.value,
  });
  return <Method extends JetStreamHandlerMethod<Schema>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<Method>,
  ): void => {
    const extras = {
      [HANDLER_EXTRAS_KEY]: {
        consumer,
        schema,
        handlerName: `${target.constructor.name}.${String(key)}`,
      },
    };
    EventPattern(pattern, JETSTREAM_TRANSPORT, extras)(target, key, descriptor);
    UseFilters(rethrowOriginalError)(target, key, descriptor);
    // Nest passes only the payload to a handler without parameter decorators; the context is
    // part of this handler's contract, so it is declared unless the method declares its own.
    if (!Reflect.hasMetadata(PARAM_ARGS_METADATA, target.constructor, key)) {
      Payload()(target, key, 0);
      Ctx()(target, key, 1);
    }
  };
}
