import type { ConsumerDefinition } from '@meridian/contracts';
import type { JsMsg } from '@nats-io/jetstream';
import type { LoggerService } from '@nestjs/common';
import { z } from 'zod';
import { JetStreamContext, type FailedPart } from './context';
import type { DeadLetterWriter } from './dead-letter';
import { describeError } from './errors';
import type { HandlerRegistry } from './handler-registry';
import type { RetryBackoff } from './options';
import { decideOutcome, retryDelayMs, type HandlingResult, type Outcome } from './outcome';
import { markSpanFailed, withConsumerSpan } from './trace-headers';

/** One bound durable consumer: which definition, which real names, which limits. */
export interface ConsumerBinding {
  readonly definition: ConsumerDefinition;
  readonly stream: string;
  readonly durable: string;
  readonly partition: number | undefined;
  /** The server's max_deliver for this durable (what decides the last delivery). */
  readonly maxDeliver: number;
}

export interface MessageProcessorDeps {
  readonly registry: HandlerRegistry;
  readonly deadLetters: DeadLetterWriter;
  readonly backoff: RetryBackoff;
  readonly logger: LoggerService;
}

const envelopeProbe = z.object({ type: z.string().min(1), version: z.number().int() });
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Takes one message from delivery to settlement: decode, find the handler, validate, run it
 * inside a CONSUMER span, then ack, nak with backoff, or dead-letter and term.
 */
export class MessageProcessor {
  constructor(private readonly deps: MessageProcessorDeps) {}

  /** Never throws: whatever happens, the message is settled or left to the ack wait. */
  async process(message: JsMsg, binding: ConsumerBinding): Promise<void> {
    const attributes = {
      'messaging.consumer.group.name': binding.durable,
      'messaging.message.delivery_count': message.info.deliveryCount,
      'messaging.nats.stream_sequence': message.seq,
    };
    try {
      await withConsumerSpan(message.subject, message.headers, attributes, async (span) => {
        const result = await this.handle(message, binding);
        const delivery = {
          deliveryCount: message.info.deliveryCount,
          maxDeliver: binding.maxDeliver,
        };
        const outcome = decideOutcome(result, delivery, this.deps.backoff);
        span.setAttribute('meridian.messaging.outcome', outcome.action);
        if (outcome.action !== 'ack')
          markSpanFailed(span, result.kind === 'failed' ? result.error : undefined, outcome.detail);
        await this.settle(message, binding, outcome);
      });
    } catch (error) {
      this.deps.logger.error(
        `${binding.durable} #${message.seq}: settling failed, the server redelivers after the ack wait: ${describeError(error)}`,
      );
    }
  }

  private async handle(message: JsMsg, binding: ConsumerBinding): Promise<HandlingResult> {
    const body = decodeJson(message.data);
    if (!body.ok) return { kind: 'rejected', reason: 'invalid json', detail: body.detail };
    const probe = envelopeProbe.safeParse(body.value);
    if (!probe.success) {
      return {
        kind: 'rejected',
        reason: 'schema validation failed',
        detail: `not an envelope: ${summarize(probe.error)}`,
      };
    }
    const { type, version } = probe.data;
    const handler = this.deps.registry.find(binding.definition.name, type, version);
    if (!handler) {
      return {
        kind: 'rejected',
        reason: 'no handler',
        detail: `no handler for ${type} v${version} on ${binding.definition.name}`,
      };
    }
    const event = handler.schema.safeParse(body.value);
    if (!event.success) {
      return {
        kind: 'rejected',
        reason: 'schema validation failed',
        detail: `${type} v${version}: ${summarize(event.error)}`,
      };
    }
    const context = new JetStreamContext(
      {
        subject: message.subject,
        stream: binding.stream,
        consumer: binding.durable,
        deliveryCount: message.info.deliveryCount,
        streamSequence: message.seq,
        partition: binding.partition,
      },
      (part) => this.deadLetterPart(message, binding, part),
    );
    try {
      await handler.invoke(event.data, context);
      return { kind: 'handled' };
    } catch (error) {
      return { kind: 'failed', error };
    }
  }

  private async deadLetterPart(
    message: JsMsg,
    binding: ConsumerBinding,
    part: FailedPart,
  ): Promise<void> {
    await this.deps.deadLetters.write({
      ...letterOrigin(message, binding),
      data: new TextEncoder().encode(JSON.stringify(part.body)),
      reason: 'permanent error',
      detail: part.detail,
      part: part.index,
    });
    this.deps.logger.error(
      `${binding.durable} #${message.seq} item ${part.index} dead-lettered: ${part.detail}`,
    );
  }

  private async settle(message: JsMsg, binding: ConsumerBinding, outcome: Outcome): Promise<void> {
    const where = `${binding.durable} #${message.seq} (delivery ${message.info.deliveryCount})`;
    if (outcome.action === 'ack') {
      message.ack();
      return;
    }
    if (outcome.action === 'nak') {
      this.deps.logger.warn(
        `${where} failed, retrying in ${outcome.delayMs} ms: ${outcome.detail}`,
      );
      message.nak(outcome.delayMs);
      return;
    }
    try {
      await this.deps.deadLetters.write({
        ...letterOrigin(message, binding),
        data: message.data,
        reason: outcome.reason,
        detail: outcome.detail,
      });
    } catch (error) {
      // Never term without a copy: retry later (after the last delivery the advisory path takes over).
      const delayMs = retryDelayMs(message.info.deliveryCount, this.deps.backoff);
      this.deps.logger.error(
        `${where} could not be dead-lettered, retrying in ${delayMs} ms: ${describeError(error)}`,
      );
      message.nak(delayMs);
      return;
    }
    this.deps.logger.error(`${where} dead-lettered (${outcome.reason}): ${outcome.detail}`);
    message.term(`${outcome.reason}: ${outcome.detail}`.slice(0, 200));
  }
}

/** Where a dead letter of this message comes from: everything but what and why. */
function letterOrigin(message: JsMsg, binding: ConsumerBinding) {
  return {
    headers: message.headers,
    subject: message.subject,
    streamKey: binding.definition.stream,
    stream: binding.stream,
    streamSequence: message.seq,
    consumer: binding.durable,
    deliveryCount: message.info.deliveryCount,
  };
}

function decodeJson(
  data: Uint8Array,
): { ok: true; value: unknown } | { ok: false; detail: string } {
  try {
    const value: unknown = JSON.parse(utf8.decode(data));
    return { ok: true, value };
  } catch (error) {
    return { ok: false, detail: describeError(error) };
  }
}

function summarize(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
