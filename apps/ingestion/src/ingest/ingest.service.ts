import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SegmentCall } from '@meridian/contracts';
import { WriteKeyService, type WriteKeyOwner } from '@meridian/workspaces';
import { RateLimiter } from '../rate-limit';
import type { SuppressionFilter } from '../suppression';
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

/** What became of a call ingested on behalf of a known owner. */
export type OwnerCallOutcome =
  | { readonly accepted: true; readonly eventId: string; readonly messageId: string }
  /** Refused or blocked: what a quarantine entry of it would say; nothing was kept. */
  | { readonly accepted: false; readonly rejection: QuarantineEntry }
  /** The person is suppressed (a data-subject request): dropped and counted, nothing kept. */
  | { readonly accepted: false; readonly suppressed: true };

/** What the service needs besides its settings; one object so the constructor stays short. */
export interface IngestCollaborators {
  readonly writeKeys: Pick<WriteKeyService, 'authenticate'>;
  readonly governance: GovernancePolicy;
  readonly rateLimiter: RateLimiter;
  readonly delivery: Pick<CallDelivery, 'deliver'>;
  readonly quarantine: CallQuarantine;
  /** Drops the calls of suppressed people (data-subject requests); absent, none is dropped. */
  readonly suppression?: SuppressionFilter;
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
      await this.quarantine(owner, [invalidEntry(refusal, request.body, type)], receivedAt);
      throw new IngestRejection(refusal.code, refusal.message, refusal.issues);
    }
    await this.accept(owner, admission, () => request.body, receivedAt);
  }

  /** A batch: its valid calls are accepted, the others listed as refused. */
  async ingestBatch(request: IngestRequest): Promise<BatchOutcome> {
    const owner = await this.authenticate(request);
    return this.ingestBatchForOwner(owner, request);
  }

  /**
   * A batch body on behalf of an owner the caller already authorised (an admin's bulk
   * import): the /v1/batch path after authentication, unchanged (validation, governance,
   * rate limit, dedupe, durable publish, quarantine of refused and blocked calls).
   */
  async ingestBatchForOwner(
    owner: WriteKeyOwner,
    request: Omit<IngestRequest, 'authorization'>,
  ): Promise<BatchOutcome> {
    const receivedAt = new Date();
    const contents = batchContentsOf(request.body);
    const admission = await this.admit(owner, contents.calls, {
      request: { ...request, authorization: undefined },
      receivedAt,
    });
    const refused = [...contents.refused, ...admission.refused];
    const sent = batchItemsOf(request.body);
    await this.accept(owner, { ...admission, refused }, (index) => sent[index], receivedAt);
    return { refused: refused.sort((a, b) => a.index - b.index) };
  }

  /**
   * One call on behalf of an owner the caller already knows (a quarantine replay): the live
   * path after authentication (normalise, govern with the source's current settings, dedupe,
   * publish) as if received at `receivedAt`, so a corrected timestamp comes out as it would
   * have then. Not rate limited (an operator's single call) and nothing is quarantined: a
   * call refused or blocked again is returned for the caller to report. Throws
   * IngestRejection STREAM_UNAVAILABLE when the stream does not take it.
   */
  async ingestForOwner(
    owner: WriteKeyOwner,
    type: IngestCallType,
    body: Readonly<Record<string, unknown>>,
    receivedAt: Date,
  ): Promise<OwnerCallOutcome> {
    const request: IngestRequest = { body, authorization: undefined, clientIp: undefined };
    const admission = await this.admit(owner, [{ index: 0, type, raw: body }], {
      request,
      receivedAt,
    });
    const refused = admission.refused[0];
    if (refused !== undefined) {
      return { accepted: false, rejection: invalidEntry(refused, body, type) };
    }
    const blocked = admission.quarantined[0];
    if (blocked !== undefined) return { accepted: false, rejection: blockedEntry(blocked, body) };
    const admitted = admission.admitted[0];
    if (admitted === undefined) throw new Error('admission returned no outcome for the call');
    // Dropped and counted as on the live path, but said so: an operator replaying a call
    // must not read "replayed" for a call that was not kept.
    const kept = await this.unsuppressed(owner, [admitted], ({ event }) => event.payload.call);
    if (kept.length === 0) return { accepted: false, suppressed: true };
    await this.collaborators.delivery.deliver(kept.map(({ event }) => event));
    return {
      accepted: true,
      eventId: admitted.event.id,
      messageId: admitted.event.payload.call.messageId,
    };
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
    const admitted = await this.unsuppressed(
      owner,
      admission.admitted,
      ({ event }) => event.payload.call,
    );
    const quarantined = await this.unsuppressed(owner, admission.quarantined, ({ call }) => call);
    await this.collaborators.delivery.deliver(admitted.map(({ event }) => event));
    const entries = [
      ...quarantined.map((blocked) => blockedEntry(blocked, sentAt(blocked.index))),
      ...admission.refused.map((refused) => invalidEntry(refused, sentAt(refused.index))),
    ];
    await this.quarantine(owner, entries, receivedAt);
  }

  /**
   * The items whose call names nobody suppressed by a data-subject request. The others are
   * answered as accepted (an SDK must not retry them) but neither published nor quarantined;
   * the filter counts them. When the suppressions cannot be read the answer is 503, so no
   * call is published unchecked and the client sends it again.
   */
  private async unsuppressed<T>(
    owner: WriteKeyOwner,
    items: readonly T[],
    callOf: (item: T) => SegmentCall,
  ): Promise<readonly T[]> {
    const filter = this.collaborators.suppression;
    if (filter === undefined || items.length === 0) return items;
    try {
      return await filter.keep(owner.workspaceId, items, callOf);
    } catch (error) {
      this.logger.error(
        `checking ${items.length} calls of workspace ${owner.workspaceId} against suppressions failed`,
        error instanceof Error ? error.stack : String(error),
      );
      throw new IngestRejection(
        'STREAM_UNAVAILABLE',
        'suppressions could not be checked; retry later',
        [],
        { cause: error },
      );
    }
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
