import { Namespace, type StreamKey } from '@meridian/contracts';
import {
  connectJetStreamAdmin,
  deleteNamespace,
  JetStreamPublisher,
  provisionNamespace,
  type JetStreamAdmin,
  type OutgoingMessage,
} from '@meridian/messaging';
import { BaseRepository, dropDatabase, openDatabase } from '@meridian/persistence';
import { freePort, startService, uniqueNamespace, type ServiceHandle } from '@meridian/testing';
import type { BenchInfra } from '../ingest/environment';
import { partitionRanges } from './partition-ranges';
import { BENCH_IDENTITY_WORKSPACE } from './load';

/** What identity did in the namespace, from the streams (counted over the whole phase). */
export interface IdentityActivity {
  /** Calls resolved: events.resolved messages, one per applied call. */
  readonly resolved: number;
  /** INGEST messages identity published: calls routed to another partition, merge and absorb commands. */
  readonly commands: number;
  /** identity.merged messages: merges completed. */
  readonly merges: number;
  /** Messages a consumer gave up on (the DLQ stream): calls that were not resolved. */
  readonly deadLetters: number;
}

export interface StoredProfiles {
  readonly stored: number;
  /** Not merged into another profile. */
  readonly live: number;
}

/** A profile document, as far as the benchmark counts it. */
interface StoredProfile {
  readonly _id: string;
  readonly workspaceId: string;
  readonly mergedInto?: string | null;
}

/**
 * Everything the identity benchmark runs against, created for this run only: a namespace (also
 * the database name) with its streams, and identity as `instances` child processes splitting the
 * partitions. dispose() removes all of it, whatever failed.
 */
export class IdentityEnvironment {
  readonly namespace = uniqueNamespace('benchid');
  private readonly names = new Namespace(this.namespace);
  private admin?: JetStreamAdmin;
  private services: ServiceHandle[] = [];
  private databaseCreated = false;
  private publisher?: JetStreamPublisher;
  /** INGEST messages the benchmark published (the rest there are identity's own). */
  private publishedMessages = 0;

  constructor(
    readonly infra: BenchInfra,
    readonly partitions: number,
    readonly instances: number,
  ) {}

  get identityPids(): number[] {
    return this.services.map((service) => service.pid);
  }

  async provision(progress: (line: string) => void): Promise<void> {
    progress(`provisioning namespace ${this.namespace} on ${this.infra.natsUrl}`);
    this.admin = await connectJetStreamAdmin(this.infra.natsUrl, 'meridian-bench');
    await provisionNamespace({
      jsm: this.admin.jsm,
      namespace: this.namespace,
      partitions: this.partitions,
    });
  }

  /** Publishes calls on INGEST as ingestion would have; every message must be new to the stream. */
  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    this.publisher ??= new JetStreamPublisher(this.requireAdmin().publishing, {
      namespace: this.names,
      publishTimeoutMs: 30_000,
    });
    const receipts = await this.publisher.publishBatch(messages);
    const duplicate = receipts.findIndex((receipt) => receipt.duplicate);
    if (duplicate !== -1)
      throw new Error(`INGEST already had message ${messages[duplicate]?.event.id}`);
    this.publishedMessages += messages.length;
  }

  /** Starts the identity processes, each owning its range of partitions. */
  async startIdentity(progress: (line: string) => void): Promise<void> {
    this.databaseCreated = true;
    for (const owned of partitionRanges(this.partitions, this.instances)) {
      const port = await freePort();
      progress(`starting identity on port ${port}, partitions ${owned}`);
      this.services.push(
        await startService({
          app: 'identity',
          port,
          namespace: this.namespace,
          env: {
            NATS_URL: this.infra.natsUrl,
            MONGO_URL: this.infra.mongoUrl,
            MONGO_DB: this.namespace,
            MERIDIAN_NAMESPACE: this.namespace,
            MERIDIAN_PARTITIONS: String(this.partitions),
            OWNED_PARTITIONS: owned,
            HTTP_PORT: String(port),
            GRPC_PORT: String(await freePort()),
            LOG_LEVEL: 'warn',
          },
        }),
      );
    }
  }

  /** Stops identity, so its idle polling is not part of the baseline's phase. */
  async stopIdentity(): Promise<void> {
    const services = this.services;
    this.services = [];
    await Promise.all(services.map((service) => service.stop()));
  }

  /** Calls resolved so far: one stream info request. */
  async resolvedCalls(): Promise<number> {
    return (await this.streamState('EVENTS')).messages;
  }

  async activity(): Promise<IdentityActivity> {
    const [resolved, ingest, merged, deadLetters] = await Promise.all([
      this.resolvedCalls(),
      this.streamState('INGEST'),
      this.streamState('PROFILES', this.names.subject('identity.merged.*')),
      this.streamState('DLQ'),
    ]);
    const merges = Object.values(merged.subjects ?? {}).reduce((sum, count) => sum + count, 0);
    return {
      resolved,
      commands: ingest.messages - this.publishedMessages,
      merges,
      deadLetters: deadLetters.messages,
    };
  }

  async storedProfiles(): Promise<StoredProfiles> {
    const handle = await openDatabase(this.infra.mongoUrl, this.namespace, {
      appName: 'meridian-bench',
    });
    try {
      const profiles = new BaseRepository<StoredProfile>(handle.db, 'profiles');
      const { workspaceId } = BENCH_IDENTITY_WORKSPACE;
      const [stored, live] = await Promise.all([
        profiles.count(workspaceId),
        profiles.count(workspaceId, { mergedInto: null }),
      ]);
      return { stored, live };
    } finally {
      await handle.close();
    }
  }

  /** Stops identity, deletes the streams, drops the database; reports every failure. */
  async dispose(): Promise<void> {
    const failures: unknown[] = [];
    const attempt = async (step: () => Promise<unknown>) => {
      try {
        await step();
      } catch (error) {
        failures.push(error);
      }
    };
    await attempt(() => this.stopIdentity());
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

  private async streamState(key: StreamKey, subjectsFilter?: string) {
    const info = await this.requireAdmin().jsm.streams.info(
      this.names.stream(key),
      subjectsFilter === undefined ? undefined : { subjects_filter: subjectsFilter },
    );
    return info.state;
  }

  private requireAdmin(): JetStreamAdmin {
    if (this.admin === undefined) throw new Error('the benchmark environment is not provisioned');
    return this.admin;
  }
}
