import { consumers, Namespace } from '@meridian/contracts';
import { JetStreamPublisher, type OutgoingMessage } from '@meridian/messaging';
import { BenchNamespace } from '../bench-namespace';
import type { BenchInfra } from '../ingest/environment';
import { partitionRanges } from '../identity/partition-ranges';

/**
 * What the scoring benchmark runs against, for this run only: a namespace (also the
 * database) with its streams, and scoring as `instances` child processes splitting the
 * partitions. dispose() removes all of it.
 */
export class ScoringEnvironment {
  private readonly bench: BenchNamespace;
  private readonly names: Namespace;
  private publisher?: JetStreamPublisher;
  private published = 0;

  constructor(
    readonly infra: BenchInfra,
    readonly partitions: number,
    readonly instances: number,
  ) {
    this.bench = new BenchNamespace(infra, partitions, 'benchsc');
    this.names = new Namespace(this.bench.name);
  }

  get namespace(): string {
    return this.bench.name;
  }

  get scoringPids(): number[] {
    return this.bench.servicePids;
  }

  provision(progress: (line: string) => void): Promise<void> {
    return this.bench.provision(progress);
  }

  /** Publishes resolved events as identity would have; every message must be new. */
  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    this.publisher ??= new JetStreamPublisher(this.bench.admin.publishing, {
      namespace: this.names,
      publishTimeoutMs: 30_000,
    });
    const receipts = await this.publisher.publishBatch(messages);
    if (receipts.some((receipt) => receipt.duplicate))
      throw new Error('EVENTS already held one of the benchmark events');
    this.published += messages.length;
  }

  /** Starts scoring, each process owning its range of partitions, its clock in replay mode. */
  async startScoring(progress: (line: string) => void): Promise<void> {
    for (const owned of partitionRanges(this.partitions, this.instances)) {
      progress(`scoring for partitions ${owned}:`);
      await this.bench.startApp('scoring', { OWNED_PARTITIONS: owned }, progress);
    }
  }

  stopScoring(): Promise<void> {
    return this.bench.stopServices();
  }

  /**
   * Events scoring has finished (acknowledged) so far: what was published less what its
   * partition consumers still have pending or in flight.
   */
  async handledEvents(): Promise<number> {
    const stream = this.names.stream('EVENTS');
    const infos = await Promise.all(
      Array.from({ length: this.partitions }, (_, partition) =>
        this.bench.admin.jsm.consumers.info(
          stream,
          this.names.consumer(consumers.scoringEvents, partition).durable,
        ),
      ),
    );
    const open = infos.reduce((sum, info) => sum + info.num_pending + info.num_ack_pending, 0);
    return this.published - open;
  }

  /** Messages scoring published (segment and score events), and dead letters. */
  async activity(): Promise<{ readonly published: number; readonly deadLetters: number }> {
    const [profiles, ingest, dlq] = await Promise.all(
      (['PROFILES', 'INGEST', 'DLQ'] as const).map(
        async (key) =>
          (await this.bench.admin.jsm.streams.info(this.names.stream(key))).state.messages,
      ),
    );
    return { published: (profiles ?? 0) + (ingest ?? 0), deadLetters: dlq ?? 0 };
  }

  dispose(): Promise<void> {
    return this.bench.dispose();
  }
}
