import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ONLINE_RETAIL_COLUMNS, ONLINE_RETAIL_DEFAULT_FILE } from '@meridian/bulk-import';
import { CallAcceptedMessage, callsOfMessage } from '@meridian/contracts';
import { createTestNamespace, type TestNamespace } from '@meridian/test-fixtures';
import { freePort, startService, waitFor, type ServiceHandle } from '@meridian/testing';
import { ExitCode, runImportCli } from './cli';
import { loadImportConfig } from './config';
import { ONLINE_RETAIL_SAMPLE, REPO_ROOT } from './paths';
import { CheckpointStore } from './state';
import { independentInvoices, type ExpectedInvoice } from './testing/independent-invoices';
import { runCliProcess, runTsProcess } from './testing/run-cli-process';

const WRITE_KEY = 'import-int-spec-key';
const WORKSPACE_ID = 'ws_import';
const DATASET = resolve(REPO_ROOT, ONLINE_RETAIL_DEFAULT_FILE);

/**
 * A slice of the real dataset when it is present (../shared, see its README), else the sample
 * shipped in the repository. Ingestion's per-key rate limit paces the import (the importer
 * waits out each 429's Retry-After), so the kill lands midway however fast this machine is.
 */
const SLICE = existsSync(DATASET)
  ? { file: DATASET, limit: 1_500, batchSize: 10, ratePerSecond: 400, burst: 200 }
  : { file: ONLINE_RETAIL_SAMPLE, limit: undefined, batchSize: 1, ratePerSecond: 2, burst: 2 };

/** `tools/cli seed-workspace`, as the local stack seeds its workspace and write key. */
async function seedWorkspace(namespace: TestNamespace): Promise<void> {
  const result = await runTsProcess('tools/cli/src/main.ts', ['seed-workspace'], {
    ...namespace.env(),
    MERIDIAN_WRITE_KEY: WRITE_KEY,
    MERIDIAN_WORKSPACE_ID: WORKSPACE_ID,
  });
  if (result.code !== 0) {
    throw new Error(`seed-workspace failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
}

/** The calls the namespace's INGEST stream holds, in stream order. */
async function ingestedCalls(namespace: TestNamespace) {
  const stored = await namespace.readStream('INGEST');
  return stored.flatMap((message) =>
    callsOfMessage(CallAcceptedMessage.parse(message.body)).map((event) => event.payload.call),
  );
}

/** A wholesale invoice of `lines` lines, 40 KB and more of JSON in full. */
function writeWholesaleInvoice(file: string, invoiceNo: string, lines: number): void {
  const rows = Array.from(
    { length: lines },
    (_, index) =>
      `${invoiceNo},SKU${index},"WHOLESALE ITEM NUMBER ${index}, BOXED",${(index % 12) + 1},2011-11-25 15:57:00,${['0.29', '1.65', '12.75'][index % 3]},14646.0,United Kingdom`,
  );
  writeFileSync(file, [ONLINE_RETAIL_COLUMNS.join(','), ...rows].join('\n'));
}

async function ingestedCount(namespace: TestNamespace): Promise<number> {
  return (await ingestedCalls(namespace)).length;
}

describe('bulk import into the real ingestion service', () => {
  let namespace: TestNamespace;
  let ingestion: ServiceHandle | undefined;
  let dir: string;
  let expected: ExpectedInvoice[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'import-real-'));
    namespace = await createTestNamespace({ label: 'import', partitions: 2 });
    await seedWorkspace(namespace);
    const [port, grpcPort] = [await freePort(), await freePort()];
    ingestion = await startService({
      app: 'ingestion',
      port,
      namespace: namespace.name,
      env: namespace.env({
        HTTP_PORT: String(port),
        // Ingestion also serves gRPC; a port of its own so parallel suites and stacks do not clash.
        GRPC_PORT: String(grpcPort),
        INGEST_RATE_LIMIT_PER_SECOND: String(SLICE.ratePerSecond),
        INGEST_RATE_LIMIT_BURST: String(SLICE.burst),
      }),
    });
    expected = await independentInvoices(SLICE.file, SLICE.limit);
  }, 90_000);

  afterAll(async () => {
    await ingestion?.stop();
    await namespace?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores every invoice of the slice exactly once after a SIGKILL midway and a resume, with the right event and revenue', async () => {
    const env = {
      INGESTION_URL: ingestion?.url ?? '',
      MERIDIAN_WRITE_KEY: WRITE_KEY,
      IMPORT_DATA_DIR: dir,
      IMPORT_BATCH_SIZE: String(SLICE.batchSize),
      IMPORT_CONCURRENCY: '2',
    };
    const args = [
      '--mapping',
      'online-retail',
      SLICE.file,
      ...(SLICE.limit === undefined ? [] : ['--limit', String(SLICE.limit)]),
    ];

    // The crash: SIGKILL once ingestion has stored about a third of the slice.
    let importer: ChildProcess | undefined;
    let exitedEarly = false;
    const crashed = runCliProcess(args, env, (child) => (importer = child)).finally(
      () => (exitedEarly = true),
    );
    await waitFor(
      async () => exitedEarly || (await ingestedCount(namespace)) >= expected.length / 3,
      { description: 'a third of the slice to be ingested', timeoutMs: 60_000, intervalMs: 20 },
    );
    importer?.kill('SIGKILL');
    expect((await crashed).signal).toBe('SIGKILL');
    const checkpointFile = join(dir, readdirSync(dir).find((name) => name.endsWith('.json')) ?? '');
    const atCrash = new CheckpointStore(checkpointFile).load();
    expect(atCrash?.complete).toBe(false);

    const resumed = await runCliProcess(args, env);
    expect({ code: resumed.code, stderr: resumed.code === 0 ? '' : resumed.stderr }).toEqual({
      code: ExitCode.ok,
      stderr: '',
    });
    if ((atCrash?.groupsDone ?? 0) > 0) expect(resumed.stdout).toContain('done by an earlier run');
    expect(resumed.stdout).toMatch(/rejected +0\n/);

    const calls = await ingestedCalls(namespace);
    const messageIds = calls.map((call) => call.messageId);
    // Exactly once: as many stored calls as distinct ids, and those are the expected ones.
    expect(new Set(messageIds).size).toBe(messageIds.length);
    expect([...messageIds].sort()).toEqual(
      expected.map((invoice) => `import:online-retail:${invoice.invoiceNo}`).sort(),
    );
    const stored = new Map(
      calls.flatMap((call) =>
        call.type === 'track'
          ? [[call.messageId, { event: call.event, revenue: call.properties['revenue'] }]]
          : [],
      ),
    );
    const byEvent = (event: string) =>
      [...stored.values()].filter((call) => call.event === event).length;
    const expectedByEvent = (event: string) =>
      expected.filter((invoice) => invoice.event === event).length;
    expect(byEvent('Order Refunded')).toBe(expectedByEvent('Order Refunded'));
    expect(byEvent('Order Completed')).toBe(expectedByEvent('Order Completed'));
    expect(stored.get('import:online-retail:536365')).toEqual({
      event: 'Order Completed',
      revenue: 139.12,
    });
    const mismatches = expected.filter((invoice) => {
      const call = stored.get(`import:online-retail:${invoice.invoiceNo}`);
      return call?.event !== invoice.event || call.revenue !== invoice.revenue;
    });
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('has ingestion accept an invoice of 1,200 lines, truncated to the products that fit, at its exact revenue', async () => {
    const file = join(dir, 'wholesale.csv');
    writeWholesaleInvoice(file, '981483', 1_200);
    const [invoice] = await independentInvoices(file);
    const out: string[] = [];
    const code = await runImportCli(['--mapping', 'online-retail', file], {
      config: loadImportConfig({
        INGESTION_URL: ingestion?.url ?? '',
        MERIDIAN_WRITE_KEY: WRITE_KEY,
        IMPORT_DATA_DIR: dir,
      }),
      io: {
        out: (line) => out.push(line),
        err: (line) => out.push(line),
        progress: { write: () => true },
      },
    });

    expect(code).toBe(ExitCode.ok);
    expect(out.join('\n')).toMatch(/rejected +0\n/);
    const stored = (await ingestedCalls(namespace)).find(
      (call) => call.messageId === 'import:online-retail:981483',
    );
    expect(stored).toMatchObject({
      event: 'Order Completed',
      userId: '14646',
      properties: {
        orderId: '981483',
        revenue: invoice?.revenue,
        products_total: 1_200,
        products_truncated: true,
      },
    });
    const products = stored?.type === 'track' ? stored.properties['products'] : undefined;
    expect(Array.isArray(products) && products.length > 0 && products.length < 1_200).toBe(true);
  }, 60_000);
});
