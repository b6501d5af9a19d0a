import type { ConsumerDefinition } from '@meridian/contracts';
import { z } from 'zod';
import type { JetStreamContext } from './context';
import { HANDLER_EXTRAS_KEY } from './handler.decorator';
import { decodePattern, type HandlerKey } from './pattern';

/** Calls the handler (through Nest's pipeline) and settles when it has finished. */
export type HandlerInvoker = (event: unknown, context: JetStreamContext) => Promise<void>;

/** What the transport receives from Nest for each handler method. */
export interface HandlerRegistration {
  readonly pattern: unknown;
  readonly invoke: HandlerInvoker;
  readonly extras: Readonly<Record<string, unknown>>;
}

export interface RegisteredHandler {
  readonly key: HandlerKey;
  readonly consumer: ConsumerDefinition;
  readonly schema: z.ZodType;
  readonly handlerName: string;
  readonly invoke: HandlerInvoker;
}

const consumerDefinition = z.object({
  name: z.string().min(1),
  stream: z.enum(['INGEST', 'EVENTS', 'PROFILES', 'DECISIONS', 'MESSAGES', 'PRIVACY']),
  filterSubject: z.string().min(1),
  partitioned: z.boolean(),
  maxDeliver: z.number().int(),
  ackWaitMs: z.number().int().positive(),
  concurrency: z.number().int().positive(),
});

const handlerDeclaration = z.object({
  consumer: consumerDefinition,
  schema: z.custom<z.ZodType>((value) => value instanceof z.ZodType, 'expected a zod schema'),
  handlerName: z.string(),
});

export class HandlerRegistryError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'HandlerRegistryError';
  }
}

const lookupKey = (consumer: string, type: string, version: number) =>
  `${consumer}/${type}@${version}`;

/**
 * The handlers of one service, by consumer, type and version. Built once at start-up; two
 * handlers claiming the same events, or a handler this transport cannot serve, fail the build.
 */
export class HandlerRegistry {
  private constructor(
    private readonly handlers: ReadonlyMap<string, RegisteredHandler>,
    private readonly definitions: ReadonlyMap<string, ConsumerDefinition>,
  ) {}

  static build(registrations: readonly HandlerRegistration[]): HandlerRegistry {
    const problems: string[] = [];
    const handlers = new Map<string, RegisteredHandler>();
    const definitions = new Map<string, ConsumerDefinition>();
    for (const registration of registrations) {
      const handler = toRegisteredHandler(registration, problems);
      if (!handler) continue;
      const id = lookupKey(handler.key.consumer, handler.key.type, handler.key.version);
      const claimed = handlers.get(id);
      if (claimed) {
        problems.push(
          `${claimed.handlerName} and ${handler.handlerName} both handle ${handler.key.type} v${handler.key.version} on consumer ${handler.key.consumer}`,
        );
        continue;
      }
      const known = definitions.get(handler.consumer.name);
      if (known && JSON.stringify(known) !== JSON.stringify(handler.consumer)) {
        problems.push(
          `${handler.handlerName} declares consumer ${handler.consumer.name} differently from another handler`,
        );
        continue;
      }
      handlers.set(id, handler);
      definitions.set(handler.consumer.name, handler.consumer);
    }
    if (problems.length > 0) throw new HandlerRegistryError(problems);
    return new HandlerRegistry(handlers, definitions);
  }

  /** The consumers this service has at least one handler for. */
  consumers(): ConsumerDefinition[] {
    return [...this.definitions.values()];
  }

  find(consumer: string, type: string, version: number): RegisteredHandler | undefined {
    return this.handlers.get(lookupKey(consumer, type, version));
  }

  get size(): number {
    return this.handlers.size;
  }
}

function toRegisteredHandler(
  registration: HandlerRegistration,
  problems: string[],
): RegisteredHandler | undefined {
  const key = decodePattern(registration.pattern);
  if (!key) {
    problems.push(
      `pattern ${JSON.stringify(registration.pattern)} is not a JetStream handler: declare it with @JetStreamHandler`,
    );
    return undefined;
  }
  const declaration = handlerDeclaration.safeParse(registration.extras[HANDLER_EXTRAS_KEY]);
  if (!declaration.success) {
    problems.push(
      `handler for ${JSON.stringify(registration.pattern)} lacks its @JetStreamHandler declaration`,
    );
    return undefined;
  }
  const { consumer, schema, handlerName } = declaration.data;
  if (consumer.name !== key.consumer) {
    problems.push(
      `${handlerName}: pattern names consumer ${key.consumer} but declares ${consumer.name}`,
    );
    return undefined;
  }
  return { key, consumer, schema, handlerName, invoke: registration.invoke };
}
