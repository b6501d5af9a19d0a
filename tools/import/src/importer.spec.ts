import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ONLINE_RETAIL_COLUMNS,
  onlineRetailMapping,
  openSource,
  type ImportCall,
} from '@meridian/bulk-import';
import { Importer, type ImportPlan } from './importer';
import { ONLINE_RETAIL_SAMPLE } from './paths';
import type { BatchResult, BatchSender } from './send';
import { CheckpointStore, RejectsLog } from './state';

const SAMPLE_INVOICES = ['536365', '536366', '536367', '536368', '536369', '536370'];
const ids = (...invoices: string[]) => invoices.map((invoice) => `import:online-retail:${invoice}`);

type Behaviour = (calls: readonly ImportCall[], request: number) => Promise<BatchResult>;
const accept: Behaviour = async () => ({ refused: [], attempts: 1 });

/** Records the messageIds of every request; answers as the spec says. */
class FakeSender implements BatchSender {
  readonly requests: string[][] = [];
  constructor(private readonly behaviour: Behaviour = accept) {}
  send(calls: readonly ImportCall[]): Promise<BatchResult> {
    this.requests.push(calls.map((call) => call.messageId));
    return this.behaviour(calls, this.requests.length);
  }
  get sent(): string[] {
    return this.requests.flat();
  }
}

async function until(condition: () => boolean): Promise<void> {
  for (let attempt = 0; !condition(); attempt += 1) {
    if (attempt > 500) throw new Error('condition not met');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('Importer', () => {
  let dir: string;
  let checkpoint: CheckpointStore;
  let rejects: RejectsLog;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'importer-'));
    checkpoint = new CheckpointStore(join(dir, 'cp.json'));
    rejects = new RejectsLog(join(dir, 'cp.rejects.ndjson'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function importSample(
    sender: BatchSender,
    overrides: Partial<ImportPlan> = {},
    file = ONLINE_RETAIL_SAMPLE,
  ) {
    const importer = new Importer({
      mapping: onlineRetailMapping,
      source: await openSource(file),
      checkpoint,
      rejects,
      sender,
      batchSize: 4,
      maxBatchBytes: 100_000,
      concurrency: 2,
      restart: false,
      ...overrides,
    });
    return { importer, summary: await importer.run() };
  }

  it('sends every invoice once, in requests of at most the batch size, and completes', async () => {
    const sender = new FakeSender();
    const { summary } = await importSample(sender);
    expect(sender.requests).toEqual([ids(...SAMPLE_INVOICES.slice(0, 4)), ids('536369', '536370')]);
    expect(summary).toMatchObject({
      status: 'completed',
      rows: 40,
      groups: 6,
      callsSent: 6,
      callsAccepted: 6,
      groupsDone: 6,
    });
    expect(checkpoint.load()).toMatchObject({ groupsDone: 6, complete: true, callsAccepted: 6 });
  });

  it('resumes after the checkpoint, then has nothing left to do until --restart', async () => {
    const first = new FakeSender();
    expect((await importSample(first, { limit: 3 })).summary.status).toBe('limit-reached');
    expect(first.sent).toEqual(ids('536365', '536366', '536367'));

    const resumed = new FakeSender();
    const { summary } = await importSample(resumed);
    expect(resumed.sent).toEqual(ids('536368', '536369', '536370'));
    expect(summary).toMatchObject({ groupsResumed: 3, groups: 3, status: 'completed' });

    const again = new FakeSender();
    expect((await importSample(again)).summary.status).toBe('already-complete');
    expect(again.sent).toEqual([]);

    const restarted = new FakeSender();
    await importSample(restarted, { restart: true });
    expect(restarted.sent).toEqual(ids(...SAMPLE_INVOICES));
  });

  it('records refused calls with their code in the rejects file and counts them', async () => {
    const sender = new FakeSender(async (calls) => ({
      refused: calls.flatMap((call, index) =>
        call.messageId.endsWith('536367')
          ? [{ index, code: 'EVENT_TOO_LARGE', message: 'big' }]
          : [],
      ),
      attempts: 1,
    }));
    const { summary } = await importSample(sender);
    expect(summary).toMatchObject({ callsAccepted: 5, callsRefused: 1 });
    expect(summary.rejected).toEqual({ EVENT_TOO_LARGE: 1 });
    const lines = readFileSync(rejects.path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      expect.objectContaining({
        messageId: 'import:online-retail:536367',
        code: 'EVENT_TOO_LARGE',
        message: 'big',
      }),
    ]);
  });

  it('keeps the checkpoint at the last request answered when a later one fails', async () => {
    const sender = new FakeSender(async (_calls, request) => {
      if (request === 3) throw new Error('ingestion is gone');
      return { refused: [], attempts: 1 };
    });
    const { summary } = await importSample(sender, { batchSize: 1, concurrency: 1 });
    expect(summary.status).toBe('failed');
    expect(summary.error).toEqual(new Error('ingestion is gone'));
    expect(checkpoint.load()).toMatchObject({ groupsDone: 2, complete: false });
  });

  it('stops reading the file while the allowed requests are in flight (backpressure)', async () => {
    const file = join(dir, 'many.csv');
    const description = 'WHITE HANGING HEART T-LIGHT HOLDER '.repeat(12).trim();
    const rows = Array.from(
      { length: 4_000 },
      (_, i) => `${600_000 + i},85123A,${description},6,2011-01-01 08:00:00,2.55,17850.0,UK`,
    );
    writeFileSync(file, [ONLINE_RETAIL_COLUMNS.join(','), ...rows].join('\n'));
    let release = (): void => undefined;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const sender = new FakeSender(async () => {
      await blocked;
      return { refused: [], attempts: 1 };
    });
    const source = await openSource(file);
    const importer = new Importer({
      mapping: onlineRetailMapping,
      source,
      checkpoint,
      rejects,
      sender,
      batchSize: 100,
      maxBatchBytes: 1_000_000,
      concurrency: 1,
      restart: false,
    });
    const running = importer.run();
    await until(() => importer.snapshot().groups >= 201);
    // Give a reader that ignored backpressure every chance to run on before looking.
    for (let tick = 0; tick < 20; tick += 1) await new Promise((resolve) => setImmediate(resolve));
    // Request 1 (groups 1-100) in flight, request 2 (101-200) waiting for the only slot:
    // group 201, whose call closed request 2, is where reading stopped.
    expect(sender.requests).toHaveLength(1);
    expect(importer.snapshot().groups).toBe(201);
    expect(source.bytesRead()).toBeLessThan(source.totalBytes / 2);
    release();
    expect(await running).toMatchObject({ status: 'completed', callsAccepted: 4_000 });
  });

  it('stops on abort with the checkpoint at what was answered', async () => {
    const controller = new AbortController();
    const sender = new FakeSender(async (_calls, request) => {
      if (request === 2) controller.abort(new Error('Ctrl-C'));
      return { refused: [], attempts: 1 };
    });
    const { summary } = await importSample(sender, {
      batchSize: 1,
      concurrency: 1,
      signal: controller.signal,
    });
    expect(summary.status).toBe('aborted');
    expect(sender.requests.length).toBeLessThan(6);
    expect(checkpoint.load()?.groupsDone).toBeLessThanOrEqual(sender.requests.length);
  });

  it('rejects an unreadable invoice and a call too large for any request, sending the rest', async () => {
    const file = join(dir, 'retail.csv');
    writeFileSync(
      file,
      [
        ONLINE_RETAIL_COLUMNS.join(','),
        '536365,85123A,HOLDER,six,2010-12-01 08:26:00,2.55,17850.0,United Kingdom',
        '536366,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,17850.0,United Kingdom',
        ...Array.from(
          { length: 30 },
          (_, i) => `536367,S${i},${'LONG NAME '.repeat(5)},1,2010-12-01 08:34:00,1.0,13047.0,UK`,
        ),
      ].join('\n'),
    );
    const sender = new FakeSender();
    const { summary } = await importSample(sender, { maxBatchBytes: 1_000 }, file);
    expect(sender.sent).toEqual(ids('536366'));
    expect(summary.rejected).toEqual({ CALL_TOO_LARGE: 1, INVALID_ROW: 1 });
    expect(checkpoint.load()).toMatchObject({ groupsDone: 3, complete: true });
  });
});
