import { Namespace, type StreamKey } from '@meridian/contracts';
import { JetStreamPublisher, type OutgoingMessage } from '@meridian/messaging';
import { BaseRepository, openDatabase } from '@meridian/persistence';
import { BenchNamespace } from '../bench-namespace';
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
  private readonly bench: BenchNamespace;
  private readonly names: Namespace;
  private publisher?: JetStreamPublisher;
  /** INGEST messages the benchmark published (the rest there are identity's own). */
  private publishedMessages = 0;

  constructor(
    readonly infra: BenchInfra,
    readonly partitions: number,
    readonly instances: number,
  ) {
    this.bench = new BenchNamespace(infra, partitions, 'benchid');
    this.names = new Namespace(this.bench.name);
  }

  get namespace(): string {
    return this.bench.name;
  }

  get identityPids(): number[] {
    return this.bench.servicePids;
  }

  provision(progress: (line: string) => void): Promise<void> {
    return this.bench.provision(progress);
  }

  /** Publishes calls on INGEST as ingestion would have; every message must be new to the stream. */
  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    this.publisher ??= new JetStreamPublisher(this.bench.admin.publishing, {
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
    for (const owned of partitionRanges(this.partitions, this.instances)) {
      progress(`identity for partitions ${owned}:`);
      await this.bench.startApp('identity', { OWNED_PARTITIONS: owned }, progress);
    }
  }

  /** Stops identity, so its idle polling is not part of the baseline's phase. */
  stopIdentity(): Promise<void> {
    return this.bench.stopServices();
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
  dispose(): Promise<void> {
    return this.bench.dispose();
  }

  private async streamState(key: StreamKey, subjectsFilter?: string) {
    const info = await this.bench.admin.jsm.streams.info(
      this.names.stream(key),
      subjectsFilter === undefined ? undefined : { subjects_filter: subjectsFilter },
    );
    return info.state;
  }
}
