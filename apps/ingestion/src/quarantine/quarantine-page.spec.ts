import type { CallQuarantinedV1 } from '@meridian/contracts';
import { eventNameOf, matchesEvent, pageOfEntries, type ResolutionLookup } from './quarantine-page';
import type { QuarantineResolution } from './quarantine-resolution.collection';
import type { QuarantineRecord, ScannedEntry } from './quarantine-stream';

function record(
  sequence: number,
  payload: Partial<CallQuarantinedV1['payload']> = {},
): QuarantineRecord {
  const id = `quarantine_${sequence}`;
  return {
    sequence,
    event: {
      id,
      type: 'call.quarantined',
      version: 1,
      workspaceId: 'ws',
      occurredAt: '2026-03-01T12:00:00.000Z',
      receivedAt: '2026-03-01T12:00:00.000Z',
      correlationId: id,
      causationId: null,
      payload: {
        sourceId: 'src',
        kind: 'blocked',
        code: 'TRACKING_PLAN_BLOCKED',
        violations: [],
        call: { type: 'track', event: 'Viewed' },
        ...payload,
      },
    },
  };
}

/** Yields the entries given (newest first, as the stream reader does) and counts reads. */
function scanOf(entries: readonly ScannedEntry[]) {
  const reads = { count: 0 };
  async function* scan(): AsyncGenerator<ScannedEntry> {
    for (const entry of entries) {
      reads.count += 1;
      yield entry;
    }
  }
  return { scan: scan(), reads };
}

const scanned = (...records: QuarantineRecord[]): ScannedEntry[] =>
  records.map((entry) => ({ sequence: entry.sequence, record: entry }));

function resolution(eventId: string, status: 'replayed' | 'discarded'): QuarantineResolution {
  return {
    _id: `ws|${eventId}`,
    workspaceId: 'ws',
    eventId,
    entryId: '1',
    status,
    at: new Date('2026-03-02T00:00:00.000Z'),
    actorKeyId: 'key',
    actorRole: 'admin',
  };
}

function lookupOf(...resolutions: QuarantineResolution[]): ResolutionLookup & { calls: number } {
  const byId = new Map(resolutions.map((entry) => [entry.eventId, entry]));
  const lookup = Object.assign(
    async (eventIds: readonly string[]) => {
      lookup.calls += 1;
      return new Map(
        eventIds.flatMap((id) => {
          const found = byId.get(id);
          return found === undefined ? [] : [[id, found] as const];
        }),
      );
    },
    { calls: 0 },
  );
  return lookup;
}

const sequencesOf = (page: { entries: readonly { record: QuarantineRecord }[] }) =>
  page.entries.map((entry) => entry.record.sequence);

describe('paging quarantine entries', () => {
  const ten = scanned(...[10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((sequence) => record(sequence)));

  it('answers the newest entries first, with the last one as the cursor when more follow', async () => {
    const { scan, reads } = scanOf(ten);

    const page = await pageOfEntries(scan, { filters: {}, limit: 3, maxExamined: 100 }, lookupOf());

    expect(sequencesOf(page)).toEqual([10, 9, 8]);
    expect(page.nextCursor).toBe(8);
    // One past the page, to know that more follow; nothing beyond.
    expect(reads.count).toBe(4);
  });

  it('has no cursor on the last page', async () => {
    const { scan } = scanOf(ten.slice(7));

    const page = await pageOfEntries(scan, { filters: {}, limit: 3, maxExamined: 100 }, lookupOf());

    expect(sequencesOf(page)).toEqual([3, 2, 1]);
    expect(page.nextCursor).toBeNull();
  });

  it('filters by source, event name and reason code together', async () => {
    const { scan } = scanOf(
      scanned(
        record(5, { sourceId: 'web', call: { type: 'track', event: 'Signed Up' } }),
        record(4, { sourceId: 'ios', call: { type: 'track', event: 'Signed Up' } }),
        record(3, { sourceId: 'web', call: { type: 'track', event: 'Viewed' } }),
        record(2, {
          sourceId: 'web',
          code: 'MISSING_EVENT',
          call: { type: 'track', event: 'Signed Up' },
        }),
        record(1, { sourceId: 'web', call: { type: 'track', event: 'Signed Up' } }),
      ),
    );

    const page = await pageOfEntries(
      scan,
      {
        filters: { sourceId: 'web', event: 'Signed Up', code: 'TRACKING_PLAN_BLOCKED' },
        limit: 10,
        maxExamined: 100,
      },
      lookupOf(),
    );

    expect(sequencesOf(page)).toEqual([5, 1]);
    expect(page.nextCursor).toBeNull();
  });

  it('gives each entry its status and filters by it', async () => {
    const lookup = lookupOf(
      resolution('quarantine_9', 'replayed'),
      resolution('quarantine_7', 'discarded'),
    );
    const statuses = async (status?: 'open' | 'replayed' | 'discarded') =>
      sequencesOf(
        await pageOfEntries(
          scanOf(ten).scan,
          { filters: { status }, limit: 20, maxExamined: 100 },
          lookup,
        ),
      );

    expect(await statuses('replayed')).toEqual([9]);
    expect(await statuses('discarded')).toEqual([7]);
    expect(await statuses('open')).toEqual([10, 8, 6, 5, 4, 3, 2, 1]);
    const all = await pageOfEntries(
      scanOf(ten).scan,
      { filters: {}, limit: 3, maxExamined: 100 },
      lookup,
    );
    expect(all.entries.map((entry) => entry.resolution?.status ?? 'open')).toEqual([
      'open',
      'replayed',
      'open',
    ]);
  });

  it('looks statuses up once for a page without a status filter', async () => {
    const lookup = lookupOf();

    await pageOfEntries(scanOf(ten).scan, { filters: {}, limit: 5, maxExamined: 100 }, lookup);

    expect(lookup.calls).toBe(1);
  });

  it('skips what is not the workspace’s and stops at the examination budget with a cursor to go on from', async () => {
    const foreign = [10, 9, 8, 7, 6].map((sequence) => ({ sequence, record: null }));
    const { scan, reads } = scanOf([...foreign, ...scanned(record(5), record(4))]);

    const page = await pageOfEntries(scan, { filters: {}, limit: 3, maxExamined: 6 }, lookupOf());

    expect(sequencesOf(page)).toEqual([5]);
    expect(page.nextCursor).toBe(5);
    expect(reads.count).toBe(6);
  });
});

describe('event names of quarantined calls', () => {
  it('is the track event name, else the recorded call type, else the type in the call', () => {
    expect(eventNameOf(record(1).event.payload)).toBe('Viewed');
    expect(
      eventNameOf(record(1, { callType: 'identify', call: { userId: 'u' } }).event.payload),
    ).toBe('identify');
    expect(eventNameOf(record(1, { call: { type: 'page' } }).event.payload)).toBe('page');
    expect(eventNameOf(record(1, { call: { value: 42 } }).event.payload)).toBe('unknown');
  });

  it('matches the event filter against that name', () => {
    const identify = record(1, { callType: 'identify', call: { userId: 'u' } });

    expect(matchesEvent(identify, { event: 'identify' })).toBe(true);
    expect(matchesEvent(identify, { event: 'Viewed' })).toBe(false);
  });
});
