import type { ImportJobDocument } from './import-job.collection';
import type { ImportJobView } from './imports.schemas';

/**
 * Progress is saved at least once a second while data arrives, so a running job silent for
 * this long is idle or was handled by an instance that crashed: nothing else will end it.
 */
export const STALLED_AFTER_MS = 30_000;

/** A job as the API answers it (absent optional fields as null; the digest stays inside). */
export function importJobView(job: ImportJobDocument, now: number = Date.now()): ImportJobView {
  return {
    importId: job._id,
    workspaceId: job.workspaceId,
    sourceId: job.sourceId,
    mapping: job.mapping,
    format: job.format,
    status: job.status,
    stalled: job.status === 'running' && now - job.updatedAt.getTime() > STALLED_AFTER_MS,
    resumedFrom: job.resumedFrom ?? null,
    startedAt: job.startedAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    bytesReceived: job.bytesReceived,
    bytesExpected: job.bytesExpected ?? null,
    rowsRead: job.rowsRead,
    rowsSkipped: job.rowsSkipped,
    callsAccepted: job.callsAccepted,
    callsRefused: job.callsRefused,
    refusedByCode: job.refusedByCode,
    refusedSamples: job.refusedSamples,
    skipped: job.skipped,
    lastDurableRow: job.lastDurableRow,
    error: job.error ?? null,
  };
}
