import { Injectable } from '@nestjs/common';
import type { JsonObject, QuarantineViolation } from '@meridian/contracts';
import { AdminApiError, AuditLog, type AdminActor } from '@meridian/admin-api';
import { DuplicateKeyError } from '@meridian/persistence';
import { IngestRejection, IngestService } from '../ingest';
import { pageOfEntries, type ResolvedRecord } from './quarantine-page';
import { replayCallOf } from './quarantine-replay';
import type { QuarantineResolution } from './quarantine-resolution.collection';
import { QuarantineResolutionRepository } from './quarantine-resolution.repository';
import { QuarantineStream, type QuarantineRecord } from './quarantine-stream';
import type {
  QuarantineEntryView,
  QuarantineListQuery,
  QuarantinePage,
} from './quarantine.schemas';
import { viewOf } from './quarantine-view';

/** Entries one listing request looks at, at most, before it answers with a cursor. */
export const MAX_EXAMINED_PER_PAGE = 2_000;

/**
 * The quarantine as the admin API sees it: entries of one workspace from the QUARANTINE
 * stream, their resolutions, and replay or discard. An entry is resolved once; a replay
 * goes through the live admission path (IngestService.ingestForOwner).
 */
@Injectable()
export class QuarantineService {
  constructor(
    private readonly stream: QuarantineStream,
    private readonly resolutions: QuarantineResolutionRepository,
    private readonly ingest: IngestService,
    private readonly audit: AuditLog,
  ) {}

  async list(workspaceId: string, query: QuarantineListQuery): Promise<QuarantinePage> {
    const page = await pageOfEntries(
      this.stream.newestFirst(
        workspaceId,
        query.cursor === undefined ? undefined : Number(query.cursor),
      ),
      {
        filters: query,
        limit: query.limit,
        maxExamined: MAX_EXAMINED_PER_PAGE,
      },
      (eventIds) => this.resolutions.findByEventIds(workspaceId, eventIds),
    );
    return {
      entries: page.entries.map(viewOf),
      nextCursor: page.nextCursor === null ? null : String(page.nextCursor),
    };
  }

  async get(workspaceId: string, entryId: string): Promise<QuarantineEntryView> {
    return viewOf(await this.resolved(workspaceId, entryId));
  }

  /**
   * Sends the entry's call (or `fix` in its place) through the live admission path as its
   * workspace and source. Accepted: the entry is marked replayed. Refused or blocked again:
   * 422 with the new violations, and the entry stays open (nothing is quarantined again).
   */
  async replay(
    workspaceId: string,
    entryId: string,
    fix: JsonObject | undefined,
    actor: AdminActor,
  ): Promise<QuarantineEntryView> {
    const { record } = await this.open(workspaceId, entryId);
    const { event } = record;
    const call = replayCallOf(event, fix);
    if (!('type' in call)) throw replayRefused('INVALID_CALL_TYPE', [call]);
    const outcome = await this.unavailableAsAdminError(() =>
      this.ingest.ingestForOwner(
        { workspaceId, sourceId: event.payload.sourceId },
        call.type,
        call.body,
        // The first arrival: a timestamp corrected by sentAt comes out as it would have then.
        new Date(event.receivedAt),
      ),
    );
    if (!outcome.accepted) {
      if ('suppressed' in outcome) throw replayRefused('SUPPRESSED', []);
      throw replayRefused(outcome.rejection.code, outcome.rejection.violations);
    }
    const resolution = await this.resolve(record, {
      status: 'replayed',
      actor,
      messageId: outcome.messageId,
      callEventId: outcome.eventId,
      fixed: fix !== undefined,
    });
    await this.audit.record({
      actor,
      action: 'quarantine.replay',
      workspaceId,
      target: { type: 'quarantine-entry', id: entryId },
      details: { eventId: event.id, messageId: outcome.messageId, fixed: fix !== undefined },
    });
    return viewOf({ record, resolution });
  }

  /** Closes the entry without replaying it. */
  async discard(
    workspaceId: string,
    entryId: string,
    reason: string,
    actor: AdminActor,
  ): Promise<QuarantineEntryView> {
    const { record } = await this.open(workspaceId, entryId);
    const resolution = await this.resolve(record, { status: 'discarded', actor, reason });
    await this.audit.record({
      actor,
      action: 'quarantine.discard',
      workspaceId,
      target: { type: 'quarantine-entry', id: entryId },
      details: { eventId: record.event.id, reason },
    });
    return viewOf({ record, resolution });
  }

  /** The workspace's entry with its resolution; 404 when it has none by that id. */
  private async resolved(workspaceId: string, entryId: string): Promise<ResolvedRecord> {
    const record = await this.stream.entry(workspaceId, Number(entryId));
    if (record === null) {
      throw AdminApiError.notFound(`no quarantine entry ${entryId} in workspace "${workspaceId}"`);
    }
    const resolutions = await this.resolutions.findByEventIds(workspaceId, [record.event.id]);
    return { record, resolution: resolutions.get(record.event.id) ?? null };
  }

  /** The entry, which must still be open: 409 otherwise. */
  private async open(workspaceId: string, entryId: string): Promise<ResolvedRecord> {
    const entry = await this.resolved(workspaceId, entryId);
    if (entry.resolution !== null) throw alreadyResolved(entryId, entry.resolution);
    return entry;
  }

  /** Records the resolution; a concurrent one that got there first makes this a 409. */
  private async resolve(
    record: QuarantineRecord,
    resolution: Pick<
      QuarantineResolution,
      'status' | 'messageId' | 'callEventId' | 'fixed' | 'reason'
    > & {
      readonly actor: AdminActor;
    },
  ): Promise<QuarantineResolution> {
    const { actor, ...fields } = resolution;
    const entryId = String(record.sequence);
    try {
      return await this.resolutions.insert({
        ...fields,
        workspaceId: record.event.workspaceId,
        eventId: record.event.id,
        entryId,
        at: new Date(),
        actorKeyId: actor.keyId,
        actorRole: actor.role,
      });
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      const [current] = (
        await this.resolutions.findByEventIds(record.event.workspaceId, [record.event.id])
      ).values();
      throw current === undefined
        ? AdminApiError.conflict(`quarantine entry ${entryId} was resolved concurrently`)
        : alreadyResolved(entryId, current);
    }
  }

  private async unavailableAsAdminError<T>(attempt: () => Promise<T>): Promise<T> {
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof IngestRejection && error.code === 'STREAM_UNAVAILABLE') {
        throw new AdminApiError(503, 'unavailable', `${error.message}; the entry stays open`);
      }
      throw error;
    }
  }
}

function alreadyResolved(entryId: string, resolution: QuarantineResolution): AdminApiError {
  return AdminApiError.conflict(
    `quarantine entry ${entryId} was already ${resolution.status} at ${resolution.at.toISOString()}`,
  );
}

/** 422: the call was refused or blocked again; the violations are the issues. */
function replayRefused(code: string, violations: readonly QuarantineViolation[]): AdminApiError {
  return new AdminApiError(
    422,
    'replay_refused',
    `the call was refused again (${code}); the entry stays open`,
    violations.map(({ rule, path, message }) => ({ path: [...path], code: rule, message })),
  );
}
