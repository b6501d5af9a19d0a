import type { StreamKey } from '@meridian/contracts';
import { BaseRepository, openDatabase } from '@meridian/persistence';
import type { BenchInfra } from '../ingest/environment';
import { PartitionedServiceEnvironment } from '../partitioned-service-environment';
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

/** Identity under the benchmark, and what it did in the namespace. */
export class IdentityEnvironment extends PartitionedServiceEnvironment {
  constructor(infra: BenchInfra, partitions: number, instances: number) {
    super(infra, partitions, instances, { app: 'identity', namespaceLabel: 'benchid' });
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

  private async streamState(key: StreamKey, subjectsFilter?: string) {
    const info = await this.bench.admin.jsm.streams.info(
      this.names.stream(key),
      subjectsFilter === undefined ? undefined : { subjects_filter: subjectsFilter },
    );
    return info.state;
  }
}
