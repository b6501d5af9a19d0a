import { Inject, Injectable, Logger } from '@nestjs/common';
import { CallQuarantinedV1, quarantineFilters } from '@meridian/contracts';
import {
  JETSTREAM_OPTIONS,
  NatsClient,
  readNewestFirst,
  readStreamMessage,
  type ResolvedJetStreamOptions,
  type StoredMessage,
} from '@meridian/messaging';

/** One entry of the QUARANTINE stream: its sequence (the entry id) and its event. */
export interface QuarantineRecord {
  readonly sequence: number;
  readonly event: CallQuarantinedV1;
}

/**
 * One message met while scanning a workspace's entries: its record, or null when it is not
 * the workspace's (an entry of another workspace on a legacy subject) or cannot be read.
 * Scans count both, so a page's work stays bounded whatever the stream holds.
 */
export interface ScannedEntry {
  readonly sequence: number;
  readonly record: QuarantineRecord | null;
}

/**
 * Reads quarantined calls from the QUARANTINE stream by sequence and subject, without a
 * consumer. An entry is a workspace's only when its envelope says so: the subject's
 * workspace token narrows the search, the envelope decides.
 */
@Injectable()
export class QuarantineStream {
  private readonly logger = new Logger(QuarantineStream.name);

  constructor(
    private readonly nats: NatsClient,
    @Inject(JETSTREAM_OPTIONS) private readonly jetStream: ResolvedJetStreamOptions,
  ) {}

  private get stream(): string {
    return this.jetStream.namespace.stream('QUARANTINE');
  }

  /** The workspace's entry at this sequence, or null (none there, or another workspace's). */
  async entry(workspaceId: string, sequence: number): Promise<QuarantineRecord | null> {
    const message = await readStreamMessage(this.nats.manager, this.stream, sequence);
    return message === null ? null : this.recordOf(workspaceId, message);
  }

  /**
   * The workspace's entries below `beforeSequence` (all without it), newest first: those on
   * its own subjects, and those written before subjects named the workspace.
   */
  async *newestFirst(workspaceId: string, beforeSequence?: number): AsyncGenerator<ScannedEntry> {
    const { namespace } = this.jetStream;
    const messages = readNewestFirst(this.nats.manager, this.stream, {
      filters: [
        namespace.subject(quarantineFilters.workspace(workspaceId)),
        namespace.subject(quarantineFilters.legacy),
      ],
      ...(beforeSequence === undefined ? {} : { beforeSequence }),
    });
    for await (const message of messages) {
      yield { sequence: message.sequence, record: this.recordOf(workspaceId, message) };
    }
  }

  private recordOf(workspaceId: string, message: StoredMessage): QuarantineRecord | null {
    const parsed = CallQuarantinedV1.safeParse(message.body);
    if (!parsed.success) {
      this.logger.warn(
        `QUARANTINE message ${message.sequence} on ${message.subject} is not a call.quarantined v1 event; skipped`,
      );
      return null;
    }
    if (parsed.data.workspaceId !== workspaceId) return null;
    return { sequence: message.sequence, event: parsed.data };
  }
}
