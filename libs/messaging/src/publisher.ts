import { EnvelopeHeader, type Namespace } from '@meridian/contracts';
import { JetStreamApiError, type JetStreamClient, type PubAck } from '@nats-io/jetstream';
import { headers as natsHeaders, RequestError, TimeoutError } from '@nats-io/nats-core';
import { describeError, PublishError } from './errors';
import { markSpanFailed, startProducerSpan } from './trace-headers';

/** An event or command on the bus: the envelope header plus its payload. */
export type Envelope = EnvelopeHeader & { readonly payload?: unknown };

export interface OutgoingMessage {
  /** Relative subject, e.g. `subjects.eventsResolved(3)`; the namespace is added here. */
  readonly subject: string;
  readonly event: Envelope;
}

export interface PublishReceipt {
  readonly stream: string;
  readonly seq: number;
  /** True when the stream already had this event id within its duplicate window. */
  readonly duplicate: boolean;
}

export interface PublisherSettings {
  readonly namespace: Namespace;
  readonly publishTimeoutMs: number;
}

/** Where the publisher gets its JetStream client; NatsClient in the module, a stub in unit specs. */
export interface JetStreamSource {
  readonly jetstream: JetStreamClient;
}

/**
 * Publishes envelopes and waits for JetStream to store them. The event id is the Nats-Msg-Id,
 * so publishing the same event twice stores it once; the trace context travels in headers.
 */
export class JetStreamPublisher {
  constructor(
    private readonly source: JetStreamSource,
    private readonly settings: PublisherSettings,
  ) {}

  async publish(relativeSubject: string, event: Envelope): Promise<PublishReceipt> {
    const subject = this.settings.namespace.subject(relativeSubject);
    const header = EnvelopeHeader.safeParse(event);
    if (!header.success) {
      throw new PublishError(
        `refusing to publish an invalid envelope on ${subject}: ${header.error.issues.map((issue) => issue.path.join('.')).join(', ')}`,
        subject,
      );
    }
    const headers = natsHeaders();
    const span = startProducerSpan(subject, headers, {
      'messaging.message.id': event.id,
      'meridian.event.type': event.type,
    });
    try {
      const ack = await this.source.jetstream.publish(subject, JSON.stringify(event), {
        msgID: event.id,
        headers,
        timeout: this.settings.publishTimeoutMs,
      });
      span.setAttribute('messaging.nats.stream_sequence', ack.seq);
      return receipt(ack);
    } catch (error) {
      const failure = this.explain(subject, error);
      markSpanFailed(span, failure, failure.message);
      throw failure;
    } finally {
      span.end();
    }
  }

  /** Publishes concurrently and waits for every acknowledgement; fails if any one failed. */
  async publishMany(messages: readonly OutgoingMessage[]): Promise<PublishReceipt[]> {
    const settled = await Promise.allSettled(
      messages.map(({ subject, event }) => this.publish(subject, event)),
    );
    const receipts: PublishReceipt[] = [];
    const failures: unknown[] = [];
    for (const result of settled) {
      if (result.status === 'fulfilled') receipts.push(result.value);
      else failures.push(result.reason);
    }
    if (failures.length > 0) {
      throw new AggregateError(
        failures,
        `${failures.length} of ${messages.length} publishes failed; first: ${describeError(failures[0])}`,
      );
    }
    return receipts;
  }

  private explain(subject: string, error: unknown): PublishError {
    const timeoutMs = this.settings.publishTimeoutMs;
    if (isNoResponders(error)) {
      // nats.js reports "jetstream is not enabled" here; what it means is that nothing stores the subject.
      return new PublishError(
        `no JetStream stream stores ${subject}: is the namespace provisioned?`,
        subject,
        { cause: error },
      );
    }
    if (
      error instanceof TimeoutError ||
      (error instanceof Error && error.cause instanceof TimeoutError)
    ) {
      return new PublishError(
        `JetStream did not acknowledge ${subject} within ${timeoutMs} ms: stream unavailable`,
        subject,
        { cause: error },
      );
    }
    if (error instanceof JetStreamApiError) {
      return new PublishError(`JetStream rejected ${subject}: ${error.message}`, subject, {
        cause: error,
      });
    }
    return new PublishError(`publishing ${subject} failed: ${describeError(error)}`, subject, {
      cause: error,
    });
  }
}

function isNoResponders(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  return [error, cause].some(
    (candidate) => candidate instanceof RequestError && candidate.isNoResponders(),
  );
}

function receipt(ack: PubAck): PublishReceipt {
  return { stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate };
}
