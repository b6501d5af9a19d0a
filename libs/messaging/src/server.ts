import type { JsMsg } from '@nats-io/jetstream';
import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import { AdvisoryDeadLetterer } from './advisory';
import { resolveAdvisoryBinding, resolveBindings } from './bindings';
import type { NatsClient } from './connection';
import { ConsumerLoop } from './consumer-loop';
import { DeadLetterWriter } from './dead-letter';
import { JetStreamStartupError } from './errors';
import { JETSTREAM_TRANSPORT } from './handler.decorator';
import {
  HandlerRegistry,
  HandlerRegistryError,
  type HandlerInvoker,
  type HandlerRegistration,
} from './handler-registry';
import { MessageProcessor, type ConsumerBinding } from './message-processor';
import { ADVISORY_CONSUMER } from './names';
import { PartitionLanes } from './partition-lanes';
import type { ResolvedJetStreamOptions } from './options';

/**
 * Nest's transport for JetStream: `app.connectMicroservice({ strategy: app.get(JetStreamServer) })`.
 * At listen it binds the durable pull consumers the service has handlers for (its owned
 * partitions only, one sequential loop each; bounded concurrency otherwise) and, unless turned
 * off, the advisory consumer. It refuses to start on duplicate handlers or missing consumers.
 */
export class JetStreamServer extends Server implements CustomTransportStrategy, OnModuleDestroy {
  override transportId = JETSTREAM_TRANSPORT;
  protected override readonly logger = new Logger(JetStreamServer.name);
  private readonly registrations: HandlerRegistration[] = [];
  private loops: ConsumerLoop[] = [];
  private readonly lanes = new PartitionLanes();
  private closing: Promise<void> | undefined;

  constructor(
    private readonly client: NatsClient,
    private readonly options: ResolvedJetStreamOptions,
  ) {
    super();
  }

  /** Nest calls this for every handler method; the registry is checked as a whole at listen. */
  override addHandler(
    pattern: unknown,
    callback: MessageHandler,
    _isEventHandler = false,
    extras: Record<string, unknown> = {},
  ): void {
    this.registrations.push({ pattern, invoke: toInvoker(callback), extras });
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  /** Binds the consumers and starts the loops; rejects with every start-up problem at once. */
  async start(): Promise<void> {
    if (this.loops.length > 0) return;
    const registry = buildRegistry(this.registrations);
    await this.client.connect();
    const jsm = this.client.manager;
    const definitions = registry.consumers();
    const plan = {
      namespace: this.options.namespace,
      ownedPartitions: this.options.ownedPartitions,
    };
    const { bindings, problems } = await resolveBindings(jsm, definitions, plan);
    const wantsAdvisories = this.options.consumeAdvisories && definitions.length > 0;
    const advisoryStream = wantsAdvisories
      ? await resolveAdvisoryBinding(jsm, this.options.namespace, problems)
      : undefined;
    if (problems.length > 0) throw new JetStreamStartupError(problems);

    const deadLetters = new DeadLetterWriter(
      this.client.jetstream,
      this.options.namespace,
      this.options.publishTimeoutMs,
    );
    const processor = new MessageProcessor({
      registry,
      deadLetters,
      backoff: this.options.retryBackoff,
      logger: this.logger,
    });
    const loops = await Promise.all(
      bindings.flatMap((binding) => this.loopsFor(binding, processor)),
    );
    if (advisoryStream) {
      const advisories = new AdvisoryDeadLetterer({
        jsm,
        namespace: this.options.namespace,
        deadLetters,
        backoff: this.options.retryBackoff,
        logger: this.logger,
      });
      loops.push(
        await this.loop(
          advisoryStream,
          ADVISORY_CONSUMER,
          ADVISORY_CONSUMER,
          this.options.fetchBatchSize,
          (message) => advisories.process(message),
        ),
      );
    }
    this.loops = loops;
    for (const loop of loops) loop.start();
    this.logger.log(
      `listening on ${bindings.map((binding) => binding.durable).join(', ') || 'no consumers'}`,
    );
  }

  /** Stops fetching, waits for the handlers in flight; the module drains the connection after. */
  async close(): Promise<void> {
    this.closing ??= Promise.all(this.loops.map((loop) => loop.stop())).then(() => undefined);
    await this.closing;
  }

  async onModuleDestroy(): Promise<void> {
    await this.close();
  }

  on(event: string): never {
    throw new Error(
      `JetStreamServer has no "${event}" event: inject NatsClient to observe the connection`,
    );
  }

  unwrap<T>(): T {
    throw new Error('JetStreamServer does not expose its connection this way: inject NatsClient');
  }

  private loopsFor(binding: ConsumerBinding, processor: MessageProcessor): Promise<ConsumerLoop>[] {
    const process = (message: JsMsg) => processor.process(message, binding);
    const partition = binding.partition;
    if (partition !== undefined) {
      // One loop per partition and consumer; every consumer of a partition shares its lane, so
      // the service handles one message of a partition at a time: the single writer of its profiles.
      const serialised = (message: JsMsg) => this.lanes.run(partition, () => process(message));
      return [
        this.loop(
          binding.stream,
          binding.durable,
          binding.durable,
          this.options.fetchBatchSize,
          serialised,
        ),
      ];
    }
    // Workers that each hold one message at most, so no fetched message waits behind a slow one.
    return Array.from({ length: binding.definition.concurrency }, (_, worker) =>
      this.loop(binding.stream, binding.durable, `${binding.durable}#${worker + 1}`, 1, process),
    );
  }

  private async loop(
    stream: string,
    durable: string,
    name: string,
    batchSize: number,
    process: (message: JsMsg) => Promise<void>,
  ): Promise<ConsumerLoop> {
    const consumer = await this.client.jetstream.consumers.get(stream, durable);
    return new ConsumerLoop({
      name,
      consumer,
      batchSize,
      expiresMs: this.options.fetchExpiresMs,
      process,
      logger: this.logger,
    });
  }
}

function buildRegistry(registrations: readonly HandlerRegistration[]): HandlerRegistry {
  try {
    return HandlerRegistry.build(registrations);
  } catch (error) {
    if (error instanceof HandlerRegistryError) throw new JetStreamStartupError(error.problems);
    throw error;
  }
}

/** Nest hands back either a value or an Observable (its error path); both become a promise. */
function toInvoker(callback: MessageHandler): HandlerInvoker {
  return async (event, context) => {
    const result: unknown = await callback(event, context);
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  };
}
