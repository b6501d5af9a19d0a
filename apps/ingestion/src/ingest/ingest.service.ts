import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { partitionKeyOf, partitionOf } from '@meridian/contracts';
import { WriteKeyService, type WriteKeyOwner } from '@meridian/workspaces';
import { callAcceptedEvent } from './call-accepted-event';
import type { IngestCallType } from './call-normalisers';
import { CallPublisher } from './call-publisher';
import { IngestRejection } from './ingest-rejection';
import { INGEST_SETTINGS, type IngestSettings } from './ingest.settings';
import { normaliseCall } from './normalise-call';
import { writeKeyOf } from './write-key-credentials';

export interface IncomingCall {
  readonly type: IngestCallType;
  /** The parsed JSON body. */
  readonly body: Readonly<Record<string, unknown>>;
  /** The Authorization header, if any. */
  readonly authorization: string | undefined;
}

/** The one path every call takes: authenticate, normalise and validate, partition, publish. */
@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);

  constructor(
    @Inject(WriteKeyService) private readonly writeKeys: Pick<WriteKeyService, 'authenticate'>,
    private readonly publisher: CallPublisher,
    @Inject(INGEST_SETTINGS) private readonly settings: IngestSettings,
  ) {}

  /**
   * Resolves once the call is durably on the stream; throws IngestRejection otherwise.
   * There is no partial acceptance: a call is either acknowledged by JetStream or refused.
   */
  async ingest(incoming: IncomingCall): Promise<void> {
    const owner = await this.authenticate(incoming);
    const call = normaliseCall(incoming.type, incoming.body, {
      receivedAt: new Date(),
      newMessageId: randomUUID,
    });
    const partition = partitionOf(partitionKeyOf(call), this.settings.partitions);
    const event = callAcceptedEvent({ ...owner, partition, call });
    try {
      await this.publisher.publish(event);
    } catch (error) {
      this.logger.error(
        `publishing call ${event.id} to partition ${partition} failed`,
        error instanceof Error ? error.stack : String(error),
      );
      throw new IngestRejection(
        'STREAM_UNAVAILABLE',
        'the event stream is unavailable; retry later',
        [],
        { cause: error },
      );
    }
  }

  private async authenticate(incoming: IncomingCall): Promise<WriteKeyOwner> {
    const writeKey = writeKeyOf(incoming.authorization, incoming.body);
    const owner = writeKey === null ? null : await this.writeKeys.authenticate(writeKey);
    if (owner === null) {
      throw new IngestRejection(
        'INVALID_WRITE_KEY',
        'the write key is missing, unknown or revoked',
      );
    }
    return owner;
  }
}
