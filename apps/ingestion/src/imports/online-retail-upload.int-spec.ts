import { createReadStream, existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createGunzip } from 'node:zlib';
import { ONLINE_RETAIL_DEFAULT_FILE } from '@meridian/bulk-import';
import { testInfra, uniqueNamespace } from '@meridian/testing';
import { adminCall, seedAdminKey } from '../admin-api/admin-test-client';
import { IngestionTestBed, type IngestionInstance } from '../testing/ingestion-test-bed';
import { importsPath, uploadFile } from './import-test-client';
import type { ImportJobView } from './imports.schemas';

/** ../shared/datasets/online-retail/online-retail.csv.gz from the repository root. */
const DATASET = resolve(__dirname, '../../../..', ONLINE_RETAIL_DEFAULT_FILE);
const OWNER = 'retail-upload-owner-key';

/**
 * The invoices an import of the file must deliver, read without the importer: the first
 * field of each line (invoice numbers hold no commas), A-prefixed adjustments left out.
 */
async function expectedInvoices(file: string): Promise<Set<string>> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()) });
  const invoices = new Set<string>();
  let header = true;
  for await (const line of lines) {
    const invoice = line.slice(0, line.indexOf(','));
    if (!header && invoice !== '' && !invoice.startsWith('A')) invoices.add(invoice);
    header = false;
  }
  return invoices;
}

/** A full garbage collection, from a fresh context made after --expose-gc is set. */
function garbageCollector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

interface MemoryPeaks {
  /** The resident set size of this process (ingestion runs in it), sampled every 50 ms. */
  readonly rssBytes: number;
  /** The heap still in use after a full collection, taken every second: what is really held. */
  readonly liveHeapBytes: number;
}

/** The memory peaks of this process while `work` runs. */
async function memoryPeaks<T>(work: () => Promise<T>): Promise<{ result: T; peaks: MemoryPeaks }> {
  const collect = garbageCollector();
  const liveHeap = () => {
    collect();
    return process.memoryUsage().heapUsed;
  };
  let rssBytes = process.memoryUsage.rss();
  let liveHeapBytes = liveHeap();
  const rssSampler = setInterval(() => {
    rssBytes = Math.max(rssBytes, process.memoryUsage.rss());
  }, 50);
  const heapSampler = setInterval(() => {
    liveHeapBytes = Math.max(liveHeapBytes, liveHeap());
  }, 1_000);
  try {
    const result = await work();
    return { result, peaks: { rssBytes, liveHeapBytes } };
  } finally {
    clearInterval(rssSampler);
    clearInterval(heapSampler);
  }
}

const MB = 1024 * 1024;

if (existsSync(DATASET)) {
  describe('the whole Online Retail dataset uploaded to the import endpoint, gzip-streamed', () => {
    const infra = testInfra();
    const namespace = uniqueNamespace('retailup');
    let bed: IngestionTestBed;
    let ingestion: IngestionInstance;

    beforeAll(async () => {
      bed = await IngestionTestBed.start({ ...infra, namespace, partitions: 4 });
      // The import waits out the source's rate limit; this spec is about the file, not pacing.
      ingestion = await bed.startInstance({
        INGEST_RATE_LIMIT_PER_SECOND: '1000000',
        INGEST_RATE_LIMIT_BURST: '1000000',
      });
      await seedAdminKey(ingestion, OWNER, 'owner', null);
      for (const [path, body] of [
        ['/admin/v1/workspaces', { workspaceId: 'retail', name: 'Retail' }],
        ['/admin/v1/workspaces/retail/sources', { sourceId: 'shop', name: 'Shop' }],
      ] as const) {
        expect((await adminCall(ingestion, 'POST', path, OWNER, body)).status).toBe(201);
      }
    });

    afterAll(async () => {
      await bed?.close();
    });

    it('accepts every invoice exactly once, in bounded memory', async () => {
      const expected = await expectedInvoices(DATASET);
      const collect = garbageCollector();
      collect();
      const before = process.memoryUsage();
      const startedAt = Date.now();
      const { result: answer, peaks } = await memoryPeaks(() =>
        uploadFile(
          ingestion,
          `${importsPath('retail', 'shop')}?mapping=online-retail`,
          OWNER,
          createReadStream(DATASET),
          { 'content-type': 'application/gzip' },
        ),
      );
      const seconds = (Date.now() - startedAt) / 1000;
      const imported = answer.body as ImportJobView;
      const mb = (bytes: number) => Math.round(bytes / MB);
      // For the record (not asserted: machines differ).
      console.log(
        `Online Retail upload: ${imported.rowsRead} rows, ${imported.callsAccepted} calls accepted ` +
          `in ${seconds.toFixed(1)} s (${Math.round(imported.callsAccepted / seconds)} calls/s); ` +
          `RSS ${mb(before.rss)} MB before, peak ${mb(peaks.rssBytes)} MB; live heap ` +
          `${mb(before.heapUsed)} MB before, peak ${mb(peaks.liveHeapBytes)} MB; ` +
          `body ${mb(statSync(DATASET).size)} MB gzip`,
      );

      expect(answer.status).toBe(201);
      expect(imported).toMatchObject({
        status: 'completed',
        rowsRead: 541_909,
        callsAccepted: expected.size,
        callsRefused: 0,
        bytesReceived: statSync(DATASET).size,
        skipped: [{ reason: expect.stringContaining('bad-debt'), groups: 3 }],
      });
      expect(expected.size).toBe(25_897);
      // The decompressed file is ~45 MB, half a million rows: holding it would take hundreds of
      // MB of heap. What the import holds is a batch or two of calls.
      expect(peaks.liveHeapBytes - before.heapUsed).toBeLessThan(64 * MB);

      const times = new Map<string, number>();
      for (const { event } of await bed.storedCalls()) {
        const id = event.payload.call.messageId;
        times.set(id, (times.get(id) ?? 0) + 1);
      }
      const wanted = [...expected].map((invoice) => `import:online-retail:${invoice}`);
      expect(times.size).toBe(wanted.length);
      expect(wanted.filter((id) => times.get(id) !== 1)).toEqual([]);
    }, 600_000);
  });
} else {
  // Not a skipped test: the suite above only exists where the dataset does (see its README).
  console.warn(`Online Retail upload not run: ${DATASET} is absent`);
}
