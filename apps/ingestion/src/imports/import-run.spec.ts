import { gzipSync } from 'node:zlib';
import {
  fieldsMapping,
  onlineRetailMapping,
  type ImportCall,
  type Mapping,
  type SourceFormat,
} from '@meridian/bulk-import';
import { EMPTY_DIGEST } from './group-digest';
import {
  ImportRun,
  ResumeMismatchError,
  type AdmitCalls,
  type BatchLimits,
  type CallRefusal,
} from './import-run';
import type { ResumePoint } from './import-tally';

const signups = fieldsMapping({
  type: 'track',
  event: 'Signed Up',
  userIdColumn: 'user',
  keyColumn: 'id',
  source: 'spec',
});

/** `count` CSV rows: ids 1..count, users u1..; row n of the file is id n - 1. */
function signupCsv(count: number, from = 1): string {
  const rows = Array.from({ length: count }, (_, i) => `${from + i},u${from + i}`);
  return ['id,user', ...rows].join('\n') + '\n';
}

/** The text in chunks of `size` bytes, as a socket delivers a body. */
async function* body(content: string | Buffer, size = 7): AsyncGenerator<Uint8Array> {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const small: BatchLimits = { calls: 3, bytes: 1_000_000, groups: 100 };

/** Ingestion stand-in: keeps every admitted messageId, refuses what `refuse` says. */
function recorder(refuse: (call: ImportCall) => string | undefined = () => undefined) {
  const admitted: string[][] = [];
  const admit: AdmitCalls = async (calls) => {
    admitted.push(calls.map((call) => call.messageId));
    const refusals: CallRefusal[] = [];
    calls.forEach((call, index) => {
      const code = refuse(call);
      if (code !== undefined) refusals.push({ index, code, message: `refused ${call.messageId}` });
    });
    return refusals;
  };
  return { admitted, admit };
}

function runOf(
  admit: AdmitCalls,
  options: { mapping?: Mapping; format?: SourceFormat; resumeFrom?: ResumePoint } = {},
): ImportRun {
  return new ImportRun({
    mapping: options.mapping ?? signups,
    format: options.format ?? 'csv',
    contentEncoding: 'identity',
    limits: small,
    admit,
    ...(options.resumeFrom ? { resumeFrom: options.resumeFrom } : {}),
  });
}

const ids = (...keys: number[]) => keys.map((key) => `import:fields:spec:${key}`);

describe('ImportRun', () => {
  it('admits every row once, in batches, and ends durable through the last row', async () => {
    const ingestion = recorder();
    const run = runOf(ingestion.admit);
    await run.run(body(signupCsv(7)));
    expect(ingestion.admitted).toEqual([ids(1, 2, 3), ids(4, 5, 6), ids(7)]);
    expect(run.tally.progress()).toMatchObject({
      rowsRead: 7,
      callsAccepted: 7,
      callsRefused: 0,
      lastDurableRow: 8,
    });
  });

  it('reads a gzip body by its magic bytes, and a body sent with Content-Encoding gzip', async () => {
    const gzipped = gzipSync(signupCsv(4));
    for (const contentEncoding of ['identity', 'gzip'] as const) {
      const ingestion = recorder();
      const run = new ImportRun({
        mapping: signups,
        format: 'csv',
        contentEncoding,
        admit: ingestion.admit,
      });
      // Encoded on the wire too: a .gz file sent with Content-Encoding: gzip.
      await run.run(body(contentEncoding === 'gzip' ? gzipSync(gzipped) : gzipped, 5));
      expect(ingestion.admitted.flat()).toEqual(ids(1, 2, 3, 4));
      expect(run.tally.progress().bytesReceived).toBeGreaterThan(0);
    }
  });

  it('counts malformed rows, rows without a group key, invalid groups and refused calls with their rows', async () => {
    const csv = [
      'id,user',
      '1,u1',
      '2,u2,extra', // row 3: one field too many
      '3,', // row 4: no user id: the mapping refuses it
      '4,u4',
    ].join('\n');
    const ingestion = recorder((call) =>
      call.messageId.endsWith(':4') ? 'INVALID_FIELD' : undefined,
    );
    const run = runOf(ingestion.admit);
    await run.run(body(csv));
    const progress = run.tally.progress();
    expect(progress).toMatchObject({ rowsRead: 4, callsAccepted: 1, callsRefused: 3 });
    expect(progress.refusedByCode).toEqual({
      MALFORMED_ROW: 1,
      MISSING_IDENTITY: 1,
      INVALID_FIELD: 1,
    });
    expect(progress.refusedSamples.map(({ row, code }) => [row, code])).toEqual([
      [3, 'MALFORMED_ROW'],
      [4, 'MISSING_IDENTITY'],
      [5, 'INVALID_FIELD'],
    ]);
  });

  it('refuses an NDJSON line that is not JSON by its line number and reads on', async () => {
    const ingestion = recorder();
    const run = runOf(ingestion.admit, { format: 'ndjson' });
    await run.run(body('{"id":1,"user":"u1"}\nnot json\n{"id":2,"user":"u2"}\n'));
    expect(ingestion.admitted.flat()).toEqual(ids(1, 2));
    expect(run.tally.progress().refusedSamples).toEqual([
      { row: 2, code: 'MALFORMED_ROW', message: expect.stringContaining('NDJSON line 2') },
    ]);
  });

  it('refuses a row without the grouping column instead of failing the file', async () => {
    const ingestion = recorder();
    const header =
      'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';
    const line = (invoice: string) =>
      `${invoice},85123A,HEART,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom`;
    const run = runOf(ingestion.admit, { mapping: onlineRetailMapping });
    await run.run(body([header, line('536365'), line(''), line('536366')].join('\n')));
    expect(ingestion.admitted.flat()).toEqual([
      'import:online-retail:536365',
      'import:online-retail:536366',
    ]);
    expect(run.tally.progress().refusedSamples.map(({ row, code }) => [row, code])).toEqual([
      [3, 'MISSING_GROUP_KEY'],
    ]);
  });

  it('fails on a file it cannot read on, keeping what was durable before', async () => {
    const ingestion = recorder();
    const run = runOf(ingestion.admit);
    await expect(run.run(body(`${signupCsv(4)}5,"never closed\n`))).rejects.toThrow(
      'a quoted field is not closed',
    );
    expect(ingestion.admitted.flat()).toEqual(ids(1, 2, 3));
    expect(run.tally.lastDurableRow).toBe(4);
  });

  it('keeps the durable point at the last admitted batch when a later one fails', async () => {
    let batches = 0;
    const failure = new Error('stream unavailable');
    const run = runOf(async () => {
      batches += 1;
      if (batches === 2) throw failure;
      return [];
    });
    await expect(run.run(body(signupCsv(9)))).rejects.toBe(failure);
    expect(run.tally.progress()).toMatchObject({ callsAccepted: 3, lastDurableRow: 4 });
  });

  it('reads no further than one batch ahead while a batch is being admitted', async () => {
    let pulled = 0;
    async function* counted(): AsyncGenerator<Uint8Array> {
      for await (const chunk of body(signupCsv(1000), 10)) {
        pulled += 1;
        yield chunk;
      }
    }
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const run = runOf(async () => {
      await held;
      return [];
    });
    const done = run.run(counted());
    for (let i = 0; i < 50; i += 1) await new Promise((resolve) => setImmediate(resolve));
    // Two batches of 3 rows (one admitted, one waiting) and the row that closed the second.
    expect(pulled).toBeLessThan(10);
    release();
    await done;
    expect(run.tally.progress().callsAccepted).toBe(1000);
  });

  it('resumes after the durable point of a failed run: every row admitted exactly once', async () => {
    const file = signupCsv(10);
    const first = recorder();
    let batches = 0;
    const crashing = runOf(async (calls) => {
      batches += 1;
      if (batches === 3) throw new Error('connection lost');
      return first.admit(calls);
    });
    await expect(crashing.run(body(file))).rejects.toThrow('connection lost');
    const point = crashing.tally.progress();
    expect(point.lastDurableRow).toBe(7);

    const second = recorder();
    const resumed = runOf(second.admit, { resumeFrom: point });
    await resumed.run(body(file));
    expect([...first.admitted.flat(), ...second.admitted.flat()]).toEqual(
      ids(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
    );
    expect(resumed.tally.progress()).toMatchObject({ rowsRead: 10, rowsSkipped: 6 });
  });

  it('refuses to resume with a file whose first rows differ, admitting nothing', async () => {
    const ingestion = recorder();
    const original = runOf(ingestion.admit);
    await original.run(body(signupCsv(6)));
    const point = original.tally.progress();

    const other = recorder();
    const run = runOf(other.admit, { resumeFrom: point });
    await expect(run.run(body(signupCsv(9, 100)))).rejects.toBeInstanceOf(ResumeMismatchError);
    expect(other.admitted).toEqual([]);
  });

  it('resuming a completed import of the same file admits nothing', async () => {
    const file = signupCsv(5);
    const original = runOf(recorder().admit);
    await original.run(body(file));
    const again = recorder();
    const run = runOf(again.admit, { resumeFrom: original.tally.progress() });
    await run.run(body(file));
    expect(again.admitted).toEqual([]);
    expect(run.tally.progress()).toMatchObject({ rowsSkipped: 5, lastDurableRow: 6 });
  });

  it('starts from the empty digest, so resuming an import that made nothing durable reads all', async () => {
    const ingestion = recorder();
    const run = runOf(ingestion.admit, {
      resumeFrom: { lastDurableRow: 0, durableDigest: EMPTY_DIGEST },
    });
    await run.run(body(signupCsv(2)));
    expect(ingestion.admitted.flat()).toEqual(ids(1, 2));
  });
});
