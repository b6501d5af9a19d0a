import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { WriteKeyService, type WriteKeyOwner } from '@meridian/workspaces';
import { RateLimiter } from '../rate-limit';
import { batchContentsOf, type RawCall, type RefusedCall } from './batch-request';
import { admitCalls, type Admission } from './call-admission';
import { CallDelivery } from './call-delivery';
import type { IngestCallType } from './call-normalisers';
import { CallQuarantine } from './call-quarantine';
import { GovernancePolicy } from './governance-policy';
import { IngestRejection } from './ingest-rejection';
import { INGEST_SETTINGS, type IngestSettings } from './ingest.settings';
import { blockedEntry, invalidEntry, type QuarantineEntry } from './quarantine-entry';
import { writeKeyOf } from './write-key-credentials';

export interface IngestRequest {
  /** The parsed JSON body. */
  readonly body: Readonly<Record<string, unknown>>;
  /** The Authorization header, if any. */
  readonly authorization: string | undefined;
  /** The sender's address, for context.ip. */
  readonly clientIp: string | undefined;
}

export interface BatchOutcome {
  /** The calls not accepted, by position in the batch; the others are on the stream. */
  readonly refused: readonly RefusedCall[];
}

/** What the service needs besides its settings; one object so the constructor stays short. */
export interface IngestCollaborators {
  readonly writeKeys: Pick<WriteKeyService, 'authenticate'>;
  readonly governance: GovernancePolicy;
  readonly rateLimiter: RateLimiter;
  readonly delivery: Pick<CallDelivery, 'deliver'>;
  readonly quarantine: CallQuarantine;
}

export const INGEST_COLLABORATORS = Symbol('meridian.ingestion.collaborators');

/**
 * Every call takes one path: authenticate, admit (normalise, validate, govern, partition),
 * rate limit, then deliver (dedupe, publish, record) or quarantine. Calls blocked by the
 * tracking plan or refused as invalid go to the QUARANTINE stream as sent; whole-request
 * refusals (bad write key, body, size, rate) keep nothing. Resolves once the accepted calls
 * are durably on the stream; throws IngestRejection otherwise. No request is
 * ever partially accepted because of the stream: every admitted call is acknowledged, or
 * the answer is 503.
 */
@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);

  constructor(
    @Inject(INGEST_COLLABORATORS) private readonly collaborators: IngestCollaborators,
    @Inject(INGEST_SETTINGS) private readonly settings: Pick<IngestSettings, 'partitions'>,
  ) {}

  /** One call of `type` (track, identify, ...): any refusal refuses the request. */
  async ingestCall(type: IngestCallType, request: IngestRequest): Promise<void> {
    const owner = await this.authenticate(request);
    const receivedAt = new Date();
    const admission = await this.admit(owner, [{ index: 0, type, raw: request.body }], {
      request,
      receivedAt,
    });
    const refusal = admission.refused[0];
    if (refusal !== undefined) {
      await this.quarantine(owner, [invalidEntry(refusal, request.body)], receivedAt);
      throw new IngestRejection(refusal.code, refusal.message, refusal.issues);
    }
    await this.accept(owner, admission, () => request.body, receivedAt);
  }

  /** A batch: its valid calls are accepted, the others listed as refused. */
  async ingestBatch(request: IngestRequest): Promise<BatchOutcome> {
    const owner = await this.authenticate(request);
    const receivedAt = new Date();
    const contents = batchContentsOf(request.body);
    const admission = await this.admit(owner, contents.calls, { request, receivedAt });
    const refused = [...contents.refused, ...admission.refused];
    const sent = batchItemsOf(request.body);
    await this.accept(owner, { ...admission, refused }, (index) => sent[index], receivedAt);
    return { refused: refused.sort((a, b) => a.index - b.index) };
  }

  private async admit(
    owner: WriteKeyOwner,
    calls: readonly RawCall[],
    { request, receivedAt }: { request: IngestRequest; receivedAt: Date },
  ): Promise<Admission> {
    return admitCalls(calls, {
      owner,
      partitions: this.settings.partitions,
      governance: await this.collaborators.governance.settingsFor(owner),
      receivedAt,
      newMessageId: randomUUID,
      clientIp: request.clientIp,
    });
  }

  /**
   * Publishes the admitted calls, then quarantines the blocked and refused ones; `sentAt`
   * gives the call at a position as the client sent it. Refused calls are not rate limited:
   * they are answered as refused whatever the bucket holds.
   */
  private async accept(
    owner: WriteKeyOwner,
    admission: Admission,
    sentAt: (index: number) => unknown,
    receivedAt: Date,
  ): Promise<void> {
    this.limitRate(owner, admission.admitted.length + admission.quarantined.length);
    await this.collaborators.delivery.deliver(admission.admitted.map(({ event }) => event));
    const entries = [
      ...admission.quarantined.map((blocked) => blockedEntry(blocked, sentAt(blocked.index))),
      ...admission.refused.map((refused) => invalidEntry(refused, sentAt(refused.index))),
    ];
    await this.quarantine(owner, entries, receivedAt);
  }

  /**
   * A call kept off INGEST is never dropped silently: when the quarantine cannot take it the
   * answer is 503 with Retry-After, so the client sends it again (its id dedupes the copy).
   */
  private async quarantine(
    owner: WriteKeyOwner,
    entries: readonly QuarantineEntry[],
    receivedAt: Date,
  ): Promise<void> {
    if (entries.length === 0) return;
    try {
      await this.collaborators.quarantine.hold(owner, entries, receivedAt);
    } catch (error) {
      this.logger.error(
        `quarantining ${entries.length} calls of workspace ${owner.workspaceId} failed`,
        error instanceof Error ? error.stack : String(error),
      );
      throw new IngestRejection(
        'STREAM_UNAVAILABLE',
        'the quarantine stream is unavailable; retry later',
        [],
        { cause: error },
      );
    }
  }

  /** The whole request or nothing: a batch is never cut to what the bucket still holds. */
  private limitRate(owner: WriteKeyOwner, events: number): void {
    if (events === 0) return;
    const taken = this.collaborators.rateLimiter.take(
      `${owner.workspaceId}\u0000${owner.sourceId}`,
      events,
    );
    if (!taken.granted) {
      throw new IngestRejection(
        'RATE_LIMITED',
        'too many events for this write key; retry after the indicated delay',
        [],
        { retryAfterSeconds: taken.retryAfterSeconds },
      );
    }
  }

  private async authenticate(request: IngestRequest): Promise<WriteKeyOwner> {
    const credential = writeKeyOf(request.authorization, request.body);
    if (!credential.found) throw new IngestRejection('INVALID_WRITE_KEY', credential.reason);
    const owner = await this.collaborators.writeKeys.authenticate(credential.writeKey);
    if (owner === null) {
      throw new IngestRejection('INVALID_WRITE_KEY', 'the write key is unknown or revoked');
    }
    return owner;
  }
}

/** The batch entries as the client sent them, by position. */
function batchItemsOf(body: Readonly<Record<string, unknown>>): readonly unknown[] {
  const batch: unknown = body['batch'];
  return Array.isArray(batch) ? batch : [];
}
