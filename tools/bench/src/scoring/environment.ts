import { consumers } from '@meridian/contracts';
import type { BenchInfra } from '../ingest/environment';
import { PartitionedServiceEnvironment } from '../partitioned-service-environment';

/** Scoring under the benchmark, and how far it got. */
export class ScoringEnvironment extends PartitionedServiceEnvironment {
  constructor(infra: BenchInfra, partitions: number, instances: number) {
    super(infra, partitions, instances, { app: 'scoring', namespaceLabel: 'benchsc' });
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
    return this.publishedMessages - open;
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
}
