import { subjects, type Namespace, type StreamKey } from '@meridian/contracts';
import type { JetStreamClient } from '@nats-io/jetstream';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/nats-core';
import { describeError, PublishError } from './errors';
import type { DeadLetterReason } from './outcome';

/** Headers of a dead-letter copy, naming where the original came from and why it was given up. */
export const DeadLetterHeaders = {
  subject: 'Meridian-Dlq-Subject',
  stream: 'Meridian-Dlq-Stream',
  sequence: 'Meridian-Dlq-Sequence',
  consumer: 'Meridian-Dlq-Consumer',
  deliveryCount: 'Meridian-Dlq-Delivery-Count',
  reason: 'Meridian-Dlq-Reason',
  /** The index of the item, when one item of a batch was given up on rather than the message. */
  part: 'Meridian-Dlq-Part',
  detail: 'Meridian-Dlq-Detail',
} as const;

export interface DeadLetter {
  readonly data: Uint8Array;
  /** The original headers; trace context and custom headers are kept, `Nats-*` ones dropped. */
  readonly headers: MsgHdrs | undefined;
  readonly subject: string;
  readonly streamKey: StreamKey;
  /** The real stream name. */
  readonly stream: string;
  readonly streamSequence: number;
  /** The real durable name. */
  readonly consumer: string;
  readonly deliveryCount: number;
  readonly reason: DeadLetterReason;
  readonly detail: string;
  /** Set when `data` is one item of the message (its index), not the message itself. */
  readonly part?: number;
}

/**
 * The dead-letter copy's Nats-Msg-Id. The consumer is part of it: two consumers of one stream
 * (scoring and orchestration on EVENTS) may each give up on the same message, and each needs
 * its own copy; the same consumer giving up twice (its own term racing the advisory) is one.
 */
export function deadLetterMessageId(
  stream: string,
  consumer: string,
  streamSequence: number,
): string {
  return `dlq:${stream}:${consumer}:${streamSequence}`;
}

/** Copies messages into the namespace's DLQ stream, on `dlq.<stream>.<consumer>`. */
export class DeadLetterWriter {
  constructor(
    private readonly js: JetStreamClient,
    private readonly namespace: Namespace,
    private readonly timeoutMs: number,
  ) {}

  async write(letter: DeadLetter): Promise<void> {
    const subject = this.namespace.subject(subjects.deadLetter(letter.streamKey, letter.consumer));
    const messageId = deadLetterMessageId(letter.stream, letter.consumer, letter.streamSequence);
    const msgID = letter.part === undefined ? messageId : `${messageId}:${letter.part}`;
    try {
      await this.js.publish(subject, letter.data, {
        msgID,
        headers: deadLetterHeaders(letter),
        timeout: this.timeoutMs,
      });
    } catch (error) {
      throw new PublishError(
        `dead-lettering ${letter.stream}#${letter.streamSequence} on ${subject} failed: ${describeError(error)}`,
        subject,
        {
          cause: error,
        },
      );
    }
  }
}

function deadLetterHeaders(letter: DeadLetter): MsgHdrs {
  const result = natsHeaders();
  for (const [key, values] of letter.headers ?? []) {
    // Nats-* headers steer the server (dedupe id, expectations) and belong to the original.
    if (key.toLowerCase().startsWith('nats-')) continue;
    for (const value of values) result.append(key, value);
  }
  result.set(DeadLetterHeaders.subject, letter.subject);
  result.set(DeadLetterHeaders.stream, letter.stream);
  result.set(DeadLetterHeaders.sequence, String(letter.streamSequence));
  result.set(DeadLetterHeaders.consumer, letter.consumer);
  result.set(DeadLetterHeaders.deliveryCount, String(letter.deliveryCount));
  result.set(DeadLetterHeaders.reason, letter.reason);
  result.set(DeadLetterHeaders.detail, headerSafe(letter.detail));
  if (letter.part !== undefined) result.set(DeadLetterHeaders.part, String(letter.part));
  return result;
}

/** Header values are one line of bounded length. */
function headerSafe(text: string): string {
  const line = text.replace(/[\r\n]+/g, ' ').trim();
  return line.length > 1_000 ? `${line.slice(0, 999)}…` : line;
}
