import type { Namespace } from '@meridian/contracts';
import type { JetStreamManager, JsMsg, StoredMsg } from '@nats-io/jetstream';
import type { LoggerService } from '@nestjs/common';
import { z } from 'zod';
import type { DeadLetterWriter } from './dead-letter';
import { describeError } from './errors';
import { streamKeyOf } from './names';
import type { RetryBackoff } from './options';
import { retryDelayMs } from './outcome';

/** The server's MAX_DELIVERIES advisory (io.nats.jetstream.advisory.v1.max_deliver). */
export const MaxDeliveriesAdvisory = z.object({
  type: z.literal('io.nats.jetstream.advisory.v1.max_deliver'),
  stream: z.string().min(1),
  consumer: z.string().min(1),
  stream_seq: z.number().int().positive(),
  deliveries: z.number().int(),
});
export type MaxDeliveriesAdvisory = z.infer<typeof MaxDeliveriesAdvisory>;

export interface AdvisoryDeadLettererDeps {
  readonly jsm: JetStreamManager;
  readonly namespace: Namespace;
  readonly deadLetters: DeadLetterWriter;
  readonly backoff: RetryBackoff;
  readonly logger: LoggerService;
}

/**
 * Dead-letters the deliveries no handler ever settled: the process died or hung until the ack
 * wait expired on the last delivery, so the transport's own "last delivery failed" path never
 * ran. The server announces it with an advisory; the original is read back by sequence.
 */
export class AdvisoryDeadLetterer {
  constructor(private readonly deps: AdvisoryDeadLettererDeps) {}

  /** Never throws: the advisory is acked, termed or naked for a retry. */
  async process(message: JsMsg): Promise<void> {
    const parsed = parseAdvisory(message.data);
    const advisory = parsed.ok ? parsed.advisory : undefined;
    const streamKey = advisory ? streamKeyOf(this.deps.namespace, advisory.stream) : undefined;
    if (!advisory || !streamKey) {
      const problem = parsed.ok
        ? `stream ${parsed.advisory.stream} is not in namespace ${this.deps.namespace.name}`
        : parsed.problem;
      this.deps.logger.error(`advisory #${message.seq} on ${message.subject} dropped: ${problem}`);
      message.term(problem.slice(0, 200));
      return;
    }
    try {
      const original = await this.readOriginal(advisory);
      await this.deps.deadLetters.write({
        data: original?.data ?? new Uint8Array(),
        headers: original?.header,
        subject: original?.subject ?? '',
        streamKey,
        stream: advisory.stream,
        streamSequence: advisory.stream_seq,
        consumer: advisory.consumer,
        deliveryCount: advisory.deliveries,
        reason: 'max deliveries',
        detail: original
          ? `no acknowledgement after ${advisory.deliveries} deliveries (ack wait expired)`
          : `no acknowledgement after ${advisory.deliveries} deliveries; the original is no longer in the stream`,
      });
      this.deps.logger.error(
        `${advisory.consumer} exhausted ${advisory.stream}#${advisory.stream_seq}: dead-lettered (max deliveries)`,
      );
      message.ack();
    } catch (error) {
      const delayMs = retryDelayMs(message.info.deliveryCount, this.deps.backoff);
      this.deps.logger.error(
        `dead-lettering ${advisory.stream}#${advisory.stream_seq} failed, retrying in ${delayMs} ms: ${describeError(error)}`,
      );
      message.nak(delayMs);
    }
  }

  private async readOriginal(advisory: MaxDeliveriesAdvisory): Promise<StoredMsg | null> {
    return this.deps.jsm.streams.getMessage(advisory.stream, { seq: advisory.stream_seq });
  }
}

type ParsedAdvisory =
  | { readonly ok: true; readonly advisory: MaxDeliveriesAdvisory }
  | { readonly ok: false; readonly problem: string };

function parseAdvisory(data: Uint8Array): ParsedAdvisory {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(data));
  } catch (error) {
    return { ok: false, problem: `not JSON: ${describeError(error)}` };
  }
  const parsed = MaxDeliveriesAdvisory.safeParse(json);
  if (parsed.success) return { ok: true, advisory: parsed.data };
  return {
    ok: false,
    problem: `not a max deliveries advisory: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`,
  };
}
