import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Namespace } from '@meridian/contracts';
import { testInfra, uniqueNamespace, waitFor } from '@meridian/testing';
import { adminCall, seedAdminKey, type AdminAnswer } from '../admin-api/admin-test-client';
import { IngestionTestBed, type IngestionInstance } from '../testing/ingestion-test-bed';
import { importsPath, startUpload, uploadFile } from './import-test-client';
import type { ImportJobView, ImportList } from './imports.schemas';

const OWNER = 'imports-spec-owner-key';
const ADMIN = 'imports-spec-admin-key';
const READER = 'imports-spec-reader-key';
const WORKSPACE = 'imports';
const SAMPLE = resolve(__dirname, '../../../../tools/stack/demo-data/online-retail-sample.csv');
const SAMPLE_INVOICES = ['536365', '536366', '536367', '536368', '536369', '536370'];

/** `count` sign-ups: `id,user,plan`, ids from 1. */
function signupCsv(count: number): Buffer {
  const rows = Array.from({ length: count }, (_, i) => `${i + 1},u${i + 1},plan-${i % 3}`);
  return Buffer.from(['id,user,plan', ...rows].join('\n') + '\n');
}

const SIGNUP_QUERY = 'mapping=fields&event=Signed%20Up&user-id-column=user&key-column=id';

function job(answer: AdminAnswer): ImportJobView {
  return answer.body as ImportJobView;
}

describe('POST /admin/v1/.../imports on real NATS and FerretDB', () => {
  const infra = testInfra();
  const namespace = uniqueNamespace('imports');
  let bed: IngestionTestBed;
  let ingestion: IngestionInstance;

  /** How many times each messageId with this prefix is on the INGEST stream. */
  async function storedTimes(prefix: string): Promise<Map<string, number>> {
    const times = new Map<string, number>();
    for (const { event } of await bed.storedCalls()) {
      const id = event.payload.call.messageId;
      if (id.startsWith(prefix)) times.set(id, (times.get(id) ?? 0) + 1);
    }
    return times;
  }

  async function createSource(sourceId: string): Promise<string> {
    const answer = await adminCall(
      ingestion,
      'POST',
      `/admin/v1/workspaces/${WORKSPACE}/sources`,
      ADMIN,
      { sourceId, name: sourceId },
    );
    expect(answer.status).toBe(201);
    return importsPath(WORKSPACE, sourceId);
  }

  beforeAll(async () => {
    bed = await IngestionTestBed.start({ ...infra, namespace, partitions: 2 });
    ingestion = await bed.startInstance();
    await seedAdminKey(ingestion, OWNER, 'owner', null);
    await seedAdminKey(ingestion, ADMIN, 'admin', null);
    await seedAdminKey(ingestion, READER, 'read-only', null);
    const created = await adminCall(ingestion, 'POST', '/admin/v1/workspaces', OWNER, {
      workspaceId: WORKSPACE,
      name: 'Imports',
    });
    expect(created.status).toBe(201);
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('imports a CSV through online-retail: 201, every invoice on the stream once, the job readable', async () => {
    const path = await createSource('retail');
    const answer = await uploadFile(
      ingestion,
      `${path}?mapping=online-retail`,
      ADMIN,
      readFileSync(SAMPLE),
    );

    expect(answer.status).toBe(201);
    expect(job(answer)).toMatchObject({
      workspaceId: WORKSPACE,
      sourceId: 'retail',
      mapping: 'online-retail',
      format: 'csv',
      status: 'completed',
      rowsRead: 40,
      callsAccepted: 6,
      callsRefused: 0,
      lastDurableRow: 41,
      error: null,
    });
    const times = await storedTimes('import:online-retail:');
    expect([...times.keys()].sort()).toEqual(
      SAMPLE_INVOICES.map((i) => `import:online-retail:${i}`),
    );
    expect([...times.values()].every((count) => count === 1)).toBe(true);
    const [stored] = await bed.storedWithMessageId('import:online-retail:536365');
    expect(stored?.event).toMatchObject({
      workspaceId: WORKSPACE,
      payload: { sourceId: 'retail' },
    });
    expect(stored?.event.payload.call).toMatchObject({
      type: 'track',
      event: 'Order Completed',
      userId: '17850',
      timestamp: '2010-12-01T08:26:00.000Z',
    });

    const read = await adminCall(ingestion, 'GET', `${path}/${job(answer).importId}`, READER);
    expect(read).toEqual({ status: 200, body: job(answer) });
  });

  it('uploading the same file again puts nothing new on the stream', async () => {
    const path = importsPath(WORKSPACE, 'retail');
    const before = (await bed.storedCalls()).length;
    const answer = await uploadFile(
      ingestion,
      `${path}?mapping=online-retail`,
      ADMIN,
      gzipSync(readFileSync(SAMPLE)),
      { 'content-type': 'application/gzip' },
    );
    expect(answer.status).toBe(201);
    expect(job(answer)).toMatchObject({ status: 'completed', rowsRead: 40, callsRefused: 0 });
    expect((await bed.storedCalls()).length).toBe(before);
  });

  it('imports NDJSON (Content-Encoding gzip), refusing bad lines by line number and losing no good one', async () => {
    const path = await createSource('events');
    const lines = [
      JSON.stringify({ id: 'e1', user: 'ann', plan: 'pro' }),
      '{"id": "e2", "user": ', // not JSON
      JSON.stringify({ id: 'e3', user: '' }), // no identity
      JSON.stringify({ id: 'e4', user: 'bob' }),
    ];
    const answer = await uploadFile(
      ingestion,
      `${path}?mapping=fields&format=ndjson&event=Visited&user-id-column=user&key-column=id`,
      ADMIN,
      gzipSync(lines.join('\n')),
      { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' },
    );

    expect(answer.status).toBe(201);
    expect(job(answer)).toMatchObject({
      format: 'ndjson',
      rowsRead: 4,
      callsAccepted: 2,
      callsRefused: 2,
      refusedByCode: { MALFORMED_ROW: 1, MISSING_IDENTITY: 1 },
      refusedSamples: [
        { row: 2, code: 'MALFORMED_ROW', message: expect.stringContaining('NDJSON line 2') },
        { row: 3, code: 'MISSING_IDENTITY', message: expect.any(String) },
      ],
    });
    const times = await storedTimes('import:fields:events:');
    expect(Object.fromEntries(times)).toEqual({
      'import:fields:events:e1': 1,
      'import:fields:events:e4': 1,
    });
  });

  it('counts a call ingestion refuses as refused with its row, and quarantines it as /v1/batch does', async () => {
    const path = await createSource('refusals');
    const quarantine = new Namespace(namespace).stream('QUARANTINE');
    const quarantinedBefore = (await bed.admin.jsm.streams.info(quarantine)).state.messages;
    const answer = await uploadFile(
      ingestion,
      `${path}?${SIGNUP_QUERY}`,
      ADMIN,
      Buffer.from('id,user,plan\n1,u1,pro\n2,u2,bad\u0000plan\n'),
    );
    expect(answer.status).toBe(201);
    expect(job(answer)).toMatchObject({
      callsAccepted: 1,
      callsRefused: 1,
      refusedSamples: [{ row: 3, code: 'NUL_CHARACTER', message: expect.any(String) }],
    });
    expect((await bed.admin.jsm.streams.info(quarantine)).state.messages).toBe(
      quarantinedBefore + 1,
    );
  });

  it('refuses an unknown mapping with 400 before reading the body, recording no job', async () => {
    const path = await createSource('unknown');
    const answer = await uploadFile(ingestion, `${path}?mapping=nope`, ADMIN, signupCsv(3));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      error: {
        code: 'invalid_request',
        message: expect.stringContaining('unknown mapping "nope"'),
      },
    });
    const list = await adminCall(ingestion, 'GET', path, READER);
    expect(list).toEqual({ status: 200, body: { imports: [] } });
  });

  it('answers 404 for a source that does not exist and 403 for a read-only key', async () => {
    const missing = await uploadFile(
      ingestion,
      `${importsPath(WORKSPACE, 'nowhere')}?mapping=online-retail`,
      ADMIN,
      readFileSync(SAMPLE),
    );
    expect(missing.status).toBe(404);
    const readOnly = await uploadFile(
      ingestion,
      `${importsPath(WORKSPACE, 'retail')}?mapping=online-retail`,
      READER,
      readFileSync(SAMPLE),
    );
    expect(readOnly.status).toBe(403);
  });

  it('fails a file it cannot read (400 invalid_file) and records the job as failed', async () => {
    const path = await createSource('broken');
    const answer = await uploadFile(
      ingestion,
      `${path}?mapping=online-retail`,
      ADMIN,
      Buffer.from('InvoiceNo,Quantity\n536365,6\n'),
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      error: { code: 'invalid_file', message: expect.stringContaining('the header lacks') },
      import: { status: 'failed', error: { code: 'invalid_file' } },
    });
  });

  it('resumes an upload cut off midway: every row accepted exactly once, the durable rows not sent again', async () => {
    const path = await createSource('signups');
    const file = signupCsv(3_000);
    const cut = file.indexOf('\n1800,');
    const upload = startUpload(ingestion, `${path}?${SIGNUP_QUERY}`, ADMIN);
    const answered = upload.answer.catch((error: unknown) => error);
    let running: ImportJobView;
    try {
      upload.request.write(file.subarray(0, cut));
      // The first batches are durable (500 calls each) while the rest has not been sent yet.
      running = await waitFor(
        async () => {
          const list = (await adminCall(ingestion, 'GET', path, READER)).body as ImportList;
          const [first] = list.imports;
          return first !== undefined && first.lastDurableRow > 1_000 ? first : undefined;
        },
        { description: 'the upload to make its first batches durable', timeoutMs: 20_000 },
      );
    } finally {
      upload.request.destroy();
    }
    expect(running.status).toBe('running');
    await answered;
    const interrupted = await waitFor(
      async () => {
        const read = job(await adminCall(ingestion, 'GET', `${path}/${running.importId}`, READER));
        return read.status === 'failed' ? read : undefined;
      },
      { description: 'the cut-off upload to be recorded as failed', timeoutMs: 20_000 },
    );
    expect(interrupted.error?.code).toBe('upload_interrupted');
    expect(interrupted.lastDurableRow).toBeLessThan(1_800);

    const resumed = await uploadFile(
      ingestion,
      `${path}?${SIGNUP_QUERY}&resumeFrom=${running.importId}`,
      ADMIN,
      file,
    );

    expect(resumed.status).toBe(201);
    expect(job(resumed)).toMatchObject({
      status: 'completed',
      resumedFrom: running.importId,
      rowsRead: 3_000,
      rowsSkipped: interrupted.lastDurableRow - 1,
      callsRefused: 0,
    });
    // Nothing accepted twice: the resumed import sent only the rows the first did not make durable.
    expect(interrupted.callsAccepted + job(resumed).callsAccepted).toBe(3_000);
    const times = await storedTimes('import:fields:signups:');
    expect(times.size).toBe(3_000);
    expect([...times.values()].every((count) => count === 1)).toBe(true);
  });

  it('refuses to resume with another file (409 resume_mismatch), sending none of it', async () => {
    const path = await createSource('mismatch');
    const first = await uploadFile(ingestion, `${path}?${SIGNUP_QUERY}`, ADMIN, signupCsv(600));
    expect(first.status).toBe(201);
    const before = (await storedTimes('import:fields:mismatch:')).size;
    const other = Buffer.from(signupCsv(900).toString('utf8').replace('1,u1,', '1,someone-else,'));
    const answer = await uploadFile(
      ingestion,
      `${path}?${SIGNUP_QUERY}&resumeFrom=${job(first).importId}`,
      ADMIN,
      other,
    );
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ error: { code: 'resume_mismatch' } });
    expect((await storedTimes('import:fields:mismatch:')).size).toBe(before);
  });
});
