import { consumers, Namespace, subjects } from '@meridian/contracts';
import { testInfra, uniqueNamespace } from '@meridian/testing';
import { Kvm, type KV } from '@nats-io/kv';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connectJetStreamAdmin, type JetStreamAdmin } from '../admin';
import { deleteNamespace, provisionNamespace } from '../provisioning';
import { JetStreamPublisher } from '../publisher';
import { readDeadLetters, testEvent, waitFor } from './harness';

jest.setTimeout(90_000);

const EVENTS = 40;
const ROOT = resolve(__dirname, '../../../..');
const FIXTURE = join(__dirname, 'fixtures/crash-consumer.ts');

describe('a consumer killed mid-batch', () => {
  const namespace = uniqueNamespace('crash');
  const names = new Namespace(namespace);
  const bucket = `crash_${namespace}`;
  const workDir = mkdtempSync(join(tmpdir(), 'meridian-crash-'));
  const logFile = join(workDir, 'attempts.log');
  let admin: JetStreamAdmin;
  let kv: KV;

  beforeAll(async () => {
    admin = await connectJetStreamAdmin(testInfra().natsUrl);
    // A short ack wait so the deliveries the killed process held come back quickly.
    const identityIngest = { ...consumers.identityIngest, ackWaitMs: 2_000 };
    await provisionNamespace({
      jsm: admin.jsm,
      namespace,
      partitions: 1,
      consumers: [identityIngest],
    });
    kv = await new Kvm(admin.jsm.jetstream()).create(bucket, { history: 5 });
  });

  afterAll(async () => {
    await admin.jsm.streams.delete(`KV_${bucket}`);
    await deleteNamespace({ jsm: admin.jsm, namespace });
    await admin.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  function startWorker(hangAfterEffects: number): {
    child: ChildProcess;
    exited: Promise<number | null>;
    output: () => string;
  } {
    let output = '';
    const child = spawn(process.execPath, ['-r', '@swc-node/register', FIXTURE], {
      cwd: ROOT,
      env: {
        // Decorators and the @meridian/* paths come from the library's tsconfig.
        SWC_NODE_PROJECT: join(ROOT, 'libs/messaging/tsconfig.json'),
        NATS_URL: testInfra().natsUrl,
        MERIDIAN_NAMESPACE: namespace,
        MERIDIAN_PARTITIONS: '1',
        CRASH_LOG_FILE: logFile,
        CRASH_BUCKET: bucket,
        CRASH_HANG_AFTER_EFFECTS: String(hangAfterEffects),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    return { child, exited, output: () => output };
  }

  const logLines = (kind: string) =>
    readFileSync(logFile, { encoding: 'utf8', flag: 'a+' })
      .split('\n')
      .filter((line) => line.startsWith(`${kind} `))
      .map((line) => line.split(' '));
  const keys = async () => {
    const found: string[] = [];
    for await (const key of await kv.keys()) found.push(key);
    return found;
  };
  const revisionsOf = async (key: string) => {
    let count = 0;
    for await (const entry of await kv.history({ key })) if (entry.operation === 'PUT') count += 1;
    return count;
  };

  it('performs every side effect exactly once after a restart', async () => {
    const publisher = new JetStreamPublisher(admin.publishing, {
      namespace: names,
      publishTimeoutMs: 5_000,
    });
    const events = Array.from({ length: EVENTS }, (_, n) => testEvent(n));
    await publisher.publishMany(events.map((event) => ({ subject: subjects.ingest(0), event })));

    // The first worker stops inside its tenth handler, after the side effect, before the ack.
    const first = startWorker(10);
    const hanging = await waitFor(
      () => `the tenth side effect (worker output: ${first.output()})`,
      () => logLines('hanging')[0]?.[1],
      60_000,
    );
    first.child.kill('SIGKILL');
    await first.exited;
    const doneAtKill = (await keys()).length;

    const second = startWorker(0);
    const ingest = () => admin.jsm.consumers.info(names.stream('INGEST'), 'identity-ingest-p0');
    await waitFor(
      'every event to be handled and acked',
      async () => {
        const info = await ingest();
        return (await keys()).length === EVENTS &&
          info.num_pending === 0 &&
          info.num_ack_pending === 0
          ? true
          : undefined;
      },
      60_000,
    );
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    expect(doneAtKill).toBe(10);
    expect((await keys()).sort()).toEqual(events.map((event) => event.id).sort());
    const revisions = await Promise.all(events.map((event) => revisionsOf(event.id)));
    expect(revisions.filter((count) => count !== 1)).toEqual([]);
    // The event in hand at the kill came back and was recognised as done.
    expect(
      logLines('attempt')
        .filter(([, id]) => id === hanging)
        .map(([, , deliveryCount]) => deliveryCount),
    ).toEqual(['1', '2']);
    expect(logLines('skip').map(([, id]) => id)).toEqual([hanging]);
    // The rest of the fetched batch, never started by the killed worker, was redelivered too.
    expect(
      logLines('attempt').filter(([, , deliveryCount]) => deliveryCount === '2').length,
    ).toBeGreaterThan(1);
    expect(await readDeadLetters(admin.jsm, namespace)).toEqual([]);
  });
});
