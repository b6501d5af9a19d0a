import { EnvelopeHeader, type Namespace } from '@meridian/contracts';
import { JetStreamApiError, type JetStreamClient, type PubAck } from '@nats-io/jetstream';
import {
  headers as natsHeaders,
  RequestError,
  TimeoutError,
  type MsgHdrs,
  type NatsConnection,
} from '@nats-io/nats-core';
import { describeError, PublishError } from './errors';
import { AckTimeoutError, NoStreamError, PublishAcks, type AckOutcome } from './publish-acks';
import { markSpanFailed, startProducerSpan } from './trace-headers';

/** An event or command on the bus: the envelope header plus its payload. */
export type Envelope = EnvelopeHeader & { readonly payload?: unknown };

export interface OutgoingMessage {
  /** Relative subject, e.g. `subjects.eventsResolved(3)`; the namespace is added here. */
  readonly subject: string;
  readonly event: Envelope;
  /** `JSON.stringify(event)` when the caller already made it (to measure it); sent as is. */
  readonly serialised?: string;
}

/** What NATS adds to a message besides its body: room kept for the id and trace headers. */
const HEADER_ALLOWANCE_BYTES = 4_096;
/** NATS's default max_payload, for a connection that has not received the server's INFO. */
const DEFAULT_MAX_PAYLOAD_BYTES = 1_048_576;

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
  readonly connection: NatsConnection;
}

/**
 * Publishes envelopes and waits for JetStream to store them. The event id is the Nats-Msg-Id,
 * so publishing the same event twice stores it once; the trace context travels in headers.
 */
export class JetStreamPublisher {
  private readonly acks: PublishAcks;

  constructor(
    private readonly source: JetStreamSource,
    private readonly settings: PublisherSettings,
  ) {
    this.acks = new PublishAcks(() => source.connection, settings.publishTimeoutMs);
  }

  /** The largest body a message may have on this server, headers allowed for. */
  maxBodyBytes(): number {
    const maxPayload = this.source.connection.info?.max_payload ?? DEFAULT_MAX_PAYLOAD_BYTES;
    return maxPayload - HEADER_ALLOWANCE_BYTES;
  }

  async publish(relativeSubject: string, event: Envelope): Promise<PublishReceipt> {
    const subject = this.validSubjectFor(relativeSubject, event);
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

  /**
   * Publishes many messages at once and waits for every acknowledgement, like publishMany,
   * but as plain publishes whose acknowledgements arrive on one shared inbox (PublishAcks):
   * one producer span and one promise for the whole group instead of a request per message.
   * Fails, after every answer or timeout, if any message was not stored.
   */
  async publishBatch(messages: readonly OutgoingMessage[]): Promise<PublishReceipt[]> {
    const [first] = messages;
    if (first === undefined) return [];
    const traceHeaders = natsHeaders();
    const span = startProducerSpan(this.settings.namespace.subject(first.subject), traceHeaders, {
      'messaging.batch.message_count': messages.length,
    });
    try {
      const outgoing = messages.map(({ subject, event, serialised }) => ({
        subject: this.validSubjectFor(subject, event),
        data: serialised ?? JSON.stringify(event),
        headers: headersOf(event.id, traceHeaders),
      }));
      const outcomes = await this.acks.publishAll(outgoing);
      return this.receiptsOrThrow(outgoing, outcomes);
    } catch (error) {
      markSpanFailed(span, error, describeError(error));
      throw error;
    } finally {
      span.end();
    }
  }

  private receiptsOrThrow(
    outgoing: readonly { subject: string }[],
    outcomes: readonly AckOutcome[],
  ): PublishReceipt[] {
    const receipts: PublishReceipt[] = [];
    const failures: PublishError[] = [];
    outcomes.forEach((outcome, index) => {
      const subject = outgoing[index]?.subject ?? '';
      if ('ack' in outcome) receipts.push(receipt(outcome.ack));
      else failures.push(this.explain(subject, outcome.error));
    });
    if (failures.length > 0) {
      throw new AggregateError(
        failures,
        `${failures.length} of ${outcomes.length} publishes failed; first: ${describeError(failures[0])}`,
      );
    }
    return receipts;
  }

  /** The absolute subject, once the envelope is known to be valid. */
  private validSubjectFor(relativeSubject: string, event: Envelope): string {
    const subject = this.settings.namespace.subject(relativeSubject);
    const header = EnvelopeHeader.safeParse(event);
    if (!header.success) {
      throw new PublishError(
        `refusing to publish an invalid envelope on ${subject}: ${header.error.issues.map((issue) => issue.path.join('.')).join(', ')}`,
        subject,
      );
    }
    return subject;
  }

  private explain(subject: string, error: unknown): PublishError {
    const timeoutMs = this.settings.publishTimeoutMs;
    if (isNoResponders(error) || error instanceof NoStreamError) {
      // nats.js reports "jetstream is not enabled" here; what it means is that nothing stores the subject.
      return new PublishError(
        `no JetStream stream stores ${subject}: is the namespace provisioned?`,
        subject,
        { cause: error },
      );
    }
    if (
      error instanceof TimeoutError ||
      error instanceof AckTimeoutError ||
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
  // The server leaves `duplicate` out of the JSON when it is false.
  return { stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate === true };
}

/** The message id, plus the trace context of the group's producer span. */
function headersOf(messageId: string, trace: MsgHdrs): MsgHdrs {
  const headers = natsHeaders();
  headers.set('Nats-Msg-Id', messageId);
  for (const key of trace.keys()) headers.set(key, trace.get(key));
  return headers;
}
