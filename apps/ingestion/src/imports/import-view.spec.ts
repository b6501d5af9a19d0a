import type { ImportJobDocument } from './import-job.collection';
import { importJobView, STALLED_AFTER_MS } from './import-view';

const updatedAt = new Date('2026-11-23T12:00:00.000Z');

function job(overrides: Partial<ImportJobDocument> = {}): ImportJobDocument {
  return {
    _id: 'imp_1',
    workspaceId: 'ws',
    sourceId: 'src',
    mapping: 'online-retail',
    mappingFingerprint: 'fp',
    format: 'csv',
    status: 'running',
    startedAt: updatedAt,
    updatedAt,
    bytesReceived: 10,
    rowsRead: 2,
    rowsSkipped: 0,
    callsAccepted: 1,
    callsRefused: 0,
    refusedByCode: {},
    refusedSamples: [],
    skipped: [],
    lastDurableRow: 2,
    durableDigest: 'digest',
    ...overrides,
  };
}

describe('importJobView', () => {
  it('calls a running job stalled once it has saved no progress for the stall time', () => {
    const at = (ms: number) => updatedAt.getTime() + ms;

    expect(importJobView(job(), at(STALLED_AFTER_MS)).stalled).toBe(false);
    expect(importJobView(job(), at(STALLED_AFTER_MS + 1)).stalled).toBe(true);
  });

  it('never calls a finished job stalled', () => {
    const finished = job({ status: 'completed', finishedAt: updatedAt });

    expect(importJobView(finished, updatedAt.getTime() + 10 * STALLED_AFTER_MS).stalled).toBe(
      false,
    );
  });
});
