import { randomBytes } from 'node:crypto';
import { loadConfig } from '@meridian/config';
import { Namespace } from '@meridian/contracts';
import {
  connectJetStreamAdmin,
  deleteNamespace,
  provisionNamespace,
  type JetStreamAdmin,
} from '@meridian/messaging';
import { dropDatabase, ensureCollections, openDatabase } from '@meridian/persistence';
import {
  freePort,
  startService,
  testInfra,
  uniqueNamespace,
  type ServiceHandle,
} from '@meridian/testing';
import { WriteKeyRepository, WriteKeyService, workspacesCollections } from '@meridian/workspaces';
import { z } from 'zod';

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
 * ingestion service as a child process. dispose() removes all of it, whatever failed.
 */
export class IngestEnvironment {
  readonly namespace = uniqueNamespace('bench');
  readonly writeKey = `bench-${randomBytes(12).toString('hex')}`;
  private admin?: JetStreamAdmin;
  private services: ServiceHandle[] = [];
  private databaseCreated = false;

  constructor(
    readonly infra: BenchInfra,
    readonly partitions: number,
    readonly instances: number,
  ) {}

  /** The ingestion instances' process ids. */
  get servicePids(): number[] {
    return this.services.map((service) => service.pid);
  }

  /** Every ingestion instance's batch endpoint; throws before start(). */
  get batchUrls(): string[] {
    if (this.services.length === 0) throw new Error('the ingestion service is not running');
    return this.services.map((service) => `${service.url}/v1/batch`);
  }

  async start(progress: (line: string) => void): Promise<void> {
    progress(`provisioning namespace ${this.namespace} on ${this.infra.natsUrl}`);
    this.admin = await connectJetStreamAdmin(this.infra.natsUrl, 'meridian-bench');
    await provisionNamespace({
      jsm: this.admin.jsm,
      namespace: this.namespace,
      partitions: this.partitions,
    });
    progress(
      `seeding workspace ${BENCH_WORKSPACE.workspaceId} in ${this.infra.mongoUrl}/${this.namespace}`,
    );
    this.databaseCreated = true;
    await this.seedWriteKey();
    for (let instance = 0; instance < this.instances; instance++) {
      this.services.push(await this.startInstance(progress));
    }
  }

  private async startInstance(progress: (line: string) => void): Promise<ServiceHandle> {
    const port = await freePort();
    progress(`starting an ingestion instance on port ${port}`);
    return startService({
      app: 'ingestion',
      port,
      namespace: this.namespace,
      env: {
        NATS_URL: this.infra.natsUrl,
        MONGO_URL: this.infra.mongoUrl,
        MONGO_DB: this.namespace,
        MERIDIAN_NAMESPACE: this.namespace,
        MERIDIAN_PARTITIONS: String(this.partitions),
        HTTP_PORT: String(port),
        GRPC_PORT: String(await freePort()),
        LOG_LEVEL: 'warn',
        INGEST_RATE_LIMIT_PER_SECOND: UNLIMITED_RATE,
        INGEST_RATE_LIMIT_BURST: UNLIMITED_RATE,
      },
    });
  }

  /** Stops the instances, so their idle CPU and connections are not part of the next phase. */
  async stopService(): Promise<void> {
    const services = this.services;
    this.services = [];
    await Promise.all(services.map((service) => service.stop()));
  }

  /** Empties the ingest stream between phases, so both start from the same stream state. */
  async purgeIngestStream(): Promise<void> {
    await this.requireAdmin().jsm.streams.purge(new Namespace(this.namespace).stream('INGEST'));
  }

  /**
   * What the ingest stream holds now: the phase's events must all be there. With
   * `countCalls`, every message is read and the calls of ingestion's batches counted (one
   * request per message, bodies dropped as they are counted); otherwise a message is an event.
   */
  async ingestStreamState(countCalls: boolean): Promise<StreamContents> {
    const { jsm } = this.requireAdmin();
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

  /** Stops the service, deletes the streams, drops the database; reports every failure. */
  async dispose(): Promise<void> {
    const failures: unknown[] = [];
    const attempt = async (step: () => Promise<unknown>) => {
      try {
        await step();
      } catch (error) {
        failures.push(error);
      }
    };
    await attempt(() => this.stopService());
    const admin = this.admin;
    if (admin !== undefined) {
      await attempt(() => deleteNamespace({ jsm: admin.jsm, namespace: this.namespace }));
      await attempt(() => admin.close());
    }
    if (this.databaseCreated)
      await attempt(() => dropDatabase(this.infra.mongoUrl, this.namespace));
    if (failures.length > 0)
      throw new AggregateError(failures, `cleaning up namespace ${this.namespace} failed`);
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

  private requireAdmin(): JetStreamAdmin {
    if (this.admin === undefined) throw new Error('the benchmark environment is not started');
    return this.admin;
  }
}
