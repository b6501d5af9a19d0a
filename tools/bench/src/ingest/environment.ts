import { randomBytes } from 'node:crypto';
import { loadConfig } from '@meridian/config';
import { Namespace } from '@meridian/contracts';
import { ensureCollections, openDatabase } from '@meridian/persistence';
import { testInfra } from '@meridian/testing';
import { WriteKeyRepository, WriteKeyService, workspacesCollections } from '@meridian/workspaces';
import { z } from 'zod';
import { BenchNamespace } from '../bench-namespace';

/** NATS_URL / MONGO_URL override the test servers' addresses (libs/testing's testInfra). */
const BenchEnv = z.object({
  NATS_URL: z.string().min(1).optional(),
  MONGO_URL: z.string().min(1).optional(),
});

export interface BenchInfra {
  readonly natsUrl: string;
  readonly mongoUrl: string;
}

export function benchInfra(): BenchInfra {
  const env = loadConfig(BenchEnv);
  const defaults = testInfra();
  return {
    natsUrl: env.NATS_URL ?? defaults.natsUrl,
    mongoUrl: env.MONGO_URL ?? defaults.mongoUrl,
  };
}

/**
 * The rate limiter must not be what the benchmark measures; far above any rate this
 * machine can reach, and well inside any sane integer bound the config may put on it.
 */
const UNLIMITED_RATE = '10000000';

export interface StreamContents {
  readonly messages: number;
  /** Calls stored: ingestion batches many in one message; the raw baseline one per message. */
  readonly events: number;
  /** As the server stores them: payload, headers and subject. */
  readonly bytes: number;
}

// Only the count matters here: the calls themselves were validated by ingestion.
const StoredIngestMessage = z.object({
  version: z.number(),
  payload: z.object({ calls: z.array(z.unknown()).optional() }),
});

function callsIn(body: unknown): number {
  const message = StoredIngestMessage.parse(body);
  return message.version === 1 ? 1 : (message.payload.calls?.length ?? 0);
}

export const BENCH_WORKSPACE = { workspaceId: 'ws_bench', sourceId: 'src_bench' } as const;

/**
 * Everything the ingest benchmark runs against, created for this run only: a namespace
 * (also the database name) with its streams, a workspace with a fresh write key, and the
 * ingestion service as child processes. dispose() removes all of it, whatever failed.
 */
export class IngestEnvironment {
  readonly writeKey = `bench-${randomBytes(12).toString('hex')}`;
  private readonly bench: BenchNamespace;
  private batchEndpoints: string[] = [];

  constructor(
    readonly infra: BenchInfra,
    readonly partitions: number,
    readonly instances: number,
  ) {
    this.bench = new BenchNamespace(infra, partitions, 'bench');
  }

  get namespace(): string {
    return this.bench.name;
  }

  /** The ingestion instances' process ids. */
  get servicePids(): number[] {
    return this.bench.servicePids;
  }

  /** Every ingestion instance's batch endpoint; throws before start(). */
  get batchUrls(): string[] {
    if (this.batchEndpoints.length === 0) throw new Error('the ingestion service is not running');
    return this.batchEndpoints;
  }

  async start(progress: (line: string) => void): Promise<void> {
    await this.bench.provision(progress);
    progress(
      `seeding workspace ${BENCH_WORKSPACE.workspaceId} in ${this.infra.mongoUrl}/${this.namespace}`,
    );
    this.bench.useDatabase();
    await this.seedWriteKey();
    for (let instance = 0; instance < this.instances; instance++) {
      const service = await this.bench.startApp(
        'ingestion',
        {
          INGEST_RATE_LIMIT_PER_SECOND: UNLIMITED_RATE,
          INGEST_RATE_LIMIT_BURST: UNLIMITED_RATE,
        },
        progress,
      );
      this.batchEndpoints.push(`${service.url}/v1/batch`);
    }
  }

  /** Stops the instances, so their idle CPU and connections are not part of the next phase. */
  async stopService(): Promise<void> {
    this.batchEndpoints = [];
    await this.bench.stopServices();
  }

  /** Empties the ingest stream between phases, so both start from the same stream state. */
  async purgeIngestStream(): Promise<void> {
    await this.bench.admin.jsm.streams.purge(new Namespace(this.namespace).stream('INGEST'));
  }

  /**
   * What the ingest stream holds now: the phase's events must all be there. With
   * `countCalls`, every message is read and the calls of ingestion's batches counted (one
   * request per message, bodies dropped as they are counted); otherwise a message is an event.
   */
  async ingestStreamState(countCalls: boolean): Promise<StreamContents> {
    const { jsm } = this.bench.admin;
    const stream = new Namespace(this.namespace).stream('INGEST');
    const { state } = await jsm.streams.info(stream);
    let events = state.messages;
    if (countCalls && state.messages > 0) {
      events = 0;
      for (let seq = state.first_seq; seq <= state.last_seq; seq += 1) {
        const message = await jsm.streams.getMessage(stream, { seq });
        if (message !== null) events += callsIn(message.json());
      }
    }
    return { messages: state.messages, bytes: state.bytes, events };
  }

  /** Stops the services, deletes the streams, drops the database; reports every failure. */
  dispose(): Promise<void> {
    return this.bench.dispose();
  }

  private async seedWriteKey(): Promise<void> {
    const handle = await openDatabase(this.infra.mongoUrl, this.namespace, {
      appName: 'meridian-bench',
    });
    try {
      await ensureCollections(handle.db, workspacesCollections);
      const writeKeys = new WriteKeyService(new WriteKeyRepository(handle.db));
      await writeKeys.seedWorkspace({ ...BENCH_WORKSPACE, writeKey: this.writeKey });
    } finally {
      await handle.close();
    }
  }
}
