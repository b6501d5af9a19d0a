import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import { AdminApiError, AuditLog, type AdminActor } from '@meridian/admin-api';
import type { ImportCall } from '@meridian/bulk-import';
import { SourceRepository, type WriteKeyOwner } from '@meridian/workspaces';
import { IngestRejection, IngestService } from '../ingest';
import { failureOf, failureStatusOf, ImportFailedError } from './import-failure';
import type { ImportJobDocument } from './import-job.collection';
import { ImportJobRepository } from './import-job.repository';
import { importPlanOf, type ImportPlan, type UploadHeaders } from './import-request';
import { ImportRun, type CallRefusal } from './import-run';
import { ImportTally } from './import-tally';
import { importJobView } from './import-view';
import type { ImportJobView, ImportList, ImportQuery } from './imports.schemas';
import { ProgressSaver } from './progress-saver';

/** An upload as the controller hands it over: the body is read here, as it arrives. */
export interface Upload extends UploadHeaders {
  readonly query: ImportQuery;
  readonly contentLength: number | undefined;
  readonly body: AsyncIterable<Uint8Array>;
}

/** Waits for the rate limit per batch before the import gives up (each wait is its Retry-After). */
const MAX_RATE_LIMITED_WAITS = 300;
/** Attempts of one batch while the stream is unavailable. */
const MAX_UNAVAILABLE_ATTEMPTS = 3;

/**
 * Bulk imports over HTTP: the upload is streamed through a mapping and admitted batch by batch
 * through IngestService on behalf of the route's workspace and source (the /v1/batch path:
 * validation, governance, rate limit, dedupe, durable publish, quarantine), and recorded in
 * the `imports` collection.
 */
@Injectable()
export class ImportsService {
  private readonly logger = new Logger(ImportsService.name);

  constructor(
    private readonly jobs: ImportJobRepository,
    private readonly sources: SourceRepository,
    private readonly ingest: IngestService,
    private readonly auditLog: AuditLog,
  ) {}

  /** Runs the import to the end of the body; the job as it ended, or ImportFailedError. */
  async upload(actor: AdminActor, owner: WriteKeyOwner, upload: Upload): Promise<ImportJobView> {
    // Everything that can be refused is refused before a byte of the body is read.
    const plan = importPlanOf(upload.query, upload, owner.sourceId);
    await this.requireSource(owner);
    const resumed = await this.resumedJob(owner, upload.query.resumeFrom, plan);
    const job = await this.start(owner, plan, upload, resumed);
    const saver = new ProgressSaver((progress) =>
      this.jobs.saveProgress(job, progress, new Date()),
    );
    const run = new ImportRun({
      ...plan,
      ...(resumed === undefined ? {} : { resumeFrom: resumed }),
      admit: (calls) => this.admit(owner, calls),
      onDurable: (tally) => saver.durable(() => tally.progress()),
    });
    const ended = await this.finish(job, run, saver, upload.body);
    // Recorded however it ended: a failed import may have let calls in before it stopped.
    await this.auditLog.record({
      actor,
      action: 'import.run',
      workspaceId: owner.workspaceId,
      target: { type: 'import', id: ended._id },
      details: auditDetailsOf(ended),
    });
    const view = importJobView(ended);
    if (ended.error === undefined) return view;
    throw new ImportFailedError(ended.error, view);
  }

  /** The source's imports, newest first: where a client finds the id of a running upload. */
  async list(owner: WriteKeyOwner, limit: number): Promise<ImportList> {
    await this.requireSource(owner);
    const jobs = await this.jobs.listBySource(owner.workspaceId, owner.sourceId, limit);
    return { imports: jobs.map((job) => importJobView(job)) };
  }

  async get(owner: WriteKeyOwner, importId: string): Promise<ImportJobView> {
    const job = await this.jobs.find(owner.workspaceId, owner.sourceId, importId);
    if (job === null) throw AdminApiError.notFound(notFoundMessage(owner, importId));
    return importJobView(job);
  }

  private async requireSource(owner: WriteKeyOwner): Promise<void> {
    if ((await this.sources.findBySourceId(owner.workspaceId, owner.sourceId)) !== null) return;
    throw AdminApiError.notFound(
      `source "${owner.sourceId}" does not exist in workspace "${owner.workspaceId}"`,
    );
  }

  /** The import to resume: of this source, with the same mapping, options and format. */
  private async resumedJob(
    owner: WriteKeyOwner,
    importId: string | undefined,
    { mapping, format }: ImportPlan,
  ): Promise<ImportJobDocument | undefined> {
    if (importId === undefined) return undefined;
    const job = await this.jobs.find(owner.workspaceId, owner.sourceId, importId);
    if (job === null) throw AdminApiError.notFound(notFoundMessage(owner, importId));
    if (job.mappingFingerprint !== mapping.fingerprint || job.format !== format) {
      throw AdminApiError.conflict(
        `import ${importId} read ${job.format} with mapping ${job.mappingFingerprint}, not ` +
          `${format} with ${mapping.fingerprint}: resume with the same mapping, options and format`,
      );
    }
    return job;
  }

  private async start(
    owner: WriteKeyOwner,
    { mapping, format }: ImportPlan,
    upload: Upload,
    resumed: ImportJobDocument | undefined,
  ): Promise<ImportJobDocument> {
    const now = new Date();
    const job: ImportJobDocument = {
      _id: `imp_${randomBytes(8).toString('hex')}`,
      workspaceId: owner.workspaceId,
      sourceId: owner.sourceId,
      mapping: mapping.name,
      mappingFingerprint: mapping.fingerprint,
      format,
      status: 'running',
      ...(resumed === undefined ? {} : { resumedFrom: resumed._id }),
      ...(upload.contentLength === undefined ? {} : { bytesExpected: upload.contentLength }),
      startedAt: now,
      updatedAt: now,
      // A resumed import starts at the durable point of the one it resumes.
      ...new ImportTally(resumed).progress(),
    };
    await this.jobs.insert(job);
    return job;
  }

  /** Reads the body through the run and records how it ended, whatever happened. */
  private async finish(
    job: ImportJobDocument,
    run: ImportRun,
    saver: ProgressSaver,
    body: AsyncIterable<Uint8Array>,
  ): Promise<ImportJobDocument> {
    try {
      try {
        await run.run(body);
      } finally {
        // No progress write may land after the final one.
        await saver.close();
      }
      return await this.jobs.finish(job, run.tally.progress(), {
        status: 'completed',
        finishedAt: new Date(),
      });
    } catch (error) {
      const failure = failureOf(error);
      if (failureStatusOf(failure.code) >= 500)
        this.logger.error(`import ${job._id} failed`, stackOf(error));
      return this.jobs.finish(job, run.tally.progress(), {
        status: 'failed',
        finishedAt: new Date(),
        error: { code: failure.code, message: failure.message },
      });
    }
  }

  /**
   * One batch through the /v1/batch path; waits out the source's rate limit (an import shares
   * it with live traffic) and retries a few times while the stream is unavailable.
   */
  private async admit(
    owner: WriteKeyOwner,
    calls: readonly ImportCall[],
  ): Promise<readonly CallRefusal[]> {
    let rateLimited = 0;
    let unavailable = 0;
    for (;;) {
      try {
        const { refused } = await this.ingest.ingestBatchForOwner(owner, {
          // No clientIp: the uploader's address is not the address of the imported users.
          body: { batch: calls },
          clientIp: undefined,
        });
        return refused;
      } catch (error) {
        if (!(error instanceof IngestRejection)) throw error;
        const retryable =
          (error.code === 'RATE_LIMITED' && ++rateLimited <= MAX_RATE_LIMITED_WAITS) ||
          (error.code === 'STREAM_UNAVAILABLE' && ++unavailable < MAX_UNAVAILABLE_ATTEMPTS);
        if (!retryable) throw error;
        await sleep(retryAfterMs(error));
      }
    }
  }
}

function auditDetailsOf(job: ImportJobDocument): Record<string, unknown> {
  return {
    sourceId: job.sourceId,
    mapping: job.mapping,
    status: job.status,
    callsAccepted: job.callsAccepted,
    callsRefused: job.callsRefused,
    ...(job.resumedFrom === undefined ? {} : { resumedFrom: job.resumedFrom }),
  };
}

function retryAfterMs(rejection: IngestRejection): number {
  const seconds = Number(rejection.headers['Retry-After'] ?? 1);
  return Math.max(1, Number.isFinite(seconds) ? seconds : 1) * 1000;
}

function notFoundMessage(owner: WriteKeyOwner, importId: string): string {
  return `import "${importId}" does not exist for source "${owner.sourceId}" of workspace "${owner.workspaceId}"`;
}

function stackOf(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
