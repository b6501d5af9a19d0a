import { Namespace } from '@meridian/contracts';
import { JetStreamPublisher, type OutgoingMessage } from '@meridian/messaging';
import { BenchNamespace } from './bench-namespace';
import { partitionRanges } from './identity/partition-ranges';
import type { BenchInfra } from './ingest/environment';

/**
 * What a benchmark of one partitioned service runs against, for this run only: a namespace
 * (also the database) with its streams, the messages the benchmark publishes into it, and the
 * service as `instances` child processes splitting the partitions. dispose() removes all of it.
 */
export class PartitionedServiceEnvironment {
  protected readonly bench: BenchNamespace;
  protected readonly names: Namespace;
  private publisher?: JetStreamPublisher;
  /** Messages the benchmark published (the rest in the streams are the service's own). */
  protected publishedMessages = 0;

  constructor(
    readonly infra: BenchInfra,
    readonly partitions: number,
    readonly instances: number,
    private readonly service: { readonly app: string; readonly namespaceLabel: string },
  ) {
    this.bench = new BenchNamespace(infra, partitions, service.namespaceLabel);
    this.names = new Namespace(this.bench.name);
  }

  get namespace(): string {
    return this.bench.name;
  }

  get servicePids(): number[] {
    return this.bench.servicePids;
  }

  provision(progress: (line: string) => void): Promise<void> {
    return this.bench.provision(progress);
  }

  /** Publishes as the upstream service would have; every message must be new to its stream. */
  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    this.publisher ??= new JetStreamPublisher(this.bench.admin.publishing, {
      namespace: this.names,
      publishTimeoutMs: 30_000,
    });
    const receipts = await this.publisher.publishBatch(messages);
    const duplicate = receipts.findIndex((receipt) => receipt.duplicate);
    if (duplicate !== -1)
      throw new Error(`the stream already had message ${messages[duplicate]?.event.id}`);
    this.publishedMessages += messages.length;
  }

  /** Starts the service's processes, each owning its range of partitions. */
  async startService(progress: (line: string) => void): Promise<void> {
    for (const owned of partitionRanges(this.partitions, this.instances)) {
      progress(`${this.service.app} for partitions ${owned}:`);
      await this.bench.startApp(this.service.app, { OWNED_PARTITIONS: owned }, progress);
    }
  }

  /** Stops the service, so its idle polling is not part of the baseline's phase. */
  stopService(): Promise<void> {
    return this.bench.stopServices();
  }

  /** Stops the service, deletes the streams, drops the database; reports every failure. */
  dispose(): Promise<void> {
    return this.bench.dispose();
  }
}
