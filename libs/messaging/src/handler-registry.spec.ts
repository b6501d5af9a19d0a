import { consumers, defineEvent } from '@meridian/contracts';
import { RpcParamtype } from '@nestjs/microservices/enums/rpc-paramtype.enum';
import {
  PARAM_ARGS_METADATA,
  PATTERN_EXTRAS_METADATA,
  PATTERN_METADATA,
  TRANSPORT_METADATA,
} from '@nestjs/microservices/constants';
import { z } from 'zod';
import { JETSTREAM_TRANSPORT, JetStreamHandler } from './handler.decorator';
import {
  HandlerRegistry,
  HandlerRegistryError,
  type HandlerRegistration,
} from './handler-registry';

const ThingDoneV1 = defineEvent('thing.done', 1, z.object({ thing: z.string() }));
const ThingDoneV2 = defineEvent('thing.done', 2, z.object({ thing: z.string(), by: z.string() }));

class FirstHandlers {
  @JetStreamHandler(consumers.senderEmail, ThingDoneV1)
  onV1(event: z.infer<typeof ThingDoneV1>): string {
    return event.payload.thing;
  }

  @JetStreamHandler(consumers.senderEmail, ThingDoneV2)
  onV2(): string {
    return 'v2';
  }
}

class SecondHandlers {
  @JetStreamHandler(consumers.senderEmail, ThingDoneV1)
  alsoV1(): string {
    return 'also v1';
  }

  @JetStreamHandler(consumers.identityIngest, ThingDoneV1)
  sameEventOtherConsumer(): string {
    return 'other consumer';
  }
}

/** What Nest's listeners controller hands the server for one decorated method. */
function registrationOf(method: (...args: never[]) => unknown): HandlerRegistration {
  const [pattern] = Reflect.getMetadata(PATTERN_METADATA, method) as unknown[];
  const extras = Reflect.getMetadata(PATTERN_EXTRAS_METADATA, method) as Record<string, unknown>;
  return { pattern, extras, invoke: async () => undefined };
}

const first = FirstHandlers.prototype;
const second = SecondHandlers.prototype;

describe('@JetStreamHandler', () => {
  it('declares an event pattern for the JetStream transport only', () => {
    expect(Reflect.getMetadata(TRANSPORT_METADATA, first.onV1)).toBe(JETSTREAM_TRANSPORT);
  });

  it('has Nest pass the event first and the JetStream context second', () => {
    const parameters = Reflect.getMetadata(PARAM_ARGS_METADATA, FirstHandlers, 'onV1') as Record<
      string,
      { index: number }
    >;

    expect(parameters[`${RpcParamtype.PAYLOAD}:0`]?.index).toBe(0);
    expect(parameters[`${RpcParamtype.CONTEXT}:1`]?.index).toBe(1);
  });
});

describe('HandlerRegistry', () => {
  it('finds each handler by consumer, type and version', () => {
    const registry = HandlerRegistry.build([
      registrationOf(first.onV1),
      registrationOf(first.onV2),
      registrationOf(second.sameEventOtherConsumer),
    ]);
    expect(registry.find('sender-email', 'thing.done', 2)?.handlerName).toBe('FirstHandlers.onV2');
    expect(registry.find('identity-ingest', 'thing.done', 1)?.handlerName).toBe(
      'SecondHandlers.sameEventOtherConsumer',
    );
    expect(registry.find('sender-email', 'thing.done', 3)).toBeUndefined();
    expect(
      registry
        .consumers()
        .map((definition) => definition.name)
        .sort(),
    ).toEqual(['identity-ingest', 'sender-email']);
  });

  it('refuses two handlers for the same consumer, type and version, naming both', () => {
    const build = () =>
      HandlerRegistry.build([registrationOf(first.onV1), registrationOf(second.alsoV1)]);
    expect(build).toThrow(HandlerRegistryError);
    expect(build).toThrow(
      'FirstHandlers.onV1 and SecondHandlers.alsoV1 both handle thing.done v1 on consumer sender-email',
    );
  });

  it('refuses event handlers that were not declared with @JetStreamHandler', () => {
    const build = () =>
      HandlerRegistry.build([
        { pattern: 'user.created', extras: {}, invoke: async () => undefined },
      ]);
    expect(build).toThrow(/not a JetStream handler/);
  });

  it('refuses two handlers declaring one consumer name with different settings', () => {
    const tweaked = { ...registrationOf(first.onV2) };
    const declaration = tweaked.extras['jetstream'] as Record<string, unknown>;
    const extras = {
      jetstream: { ...declaration, consumer: { ...consumers.senderEmail, concurrency: 99 } },
    };
    expect(() =>
      HandlerRegistry.build([registrationOf(first.onV1), { ...tweaked, extras }]),
    ).toThrow(/differently/);
  });
});
