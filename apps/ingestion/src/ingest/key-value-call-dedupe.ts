import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { KeyValueDedupeStore } from '@meridian/messaging';
import { CallDedupe } from './call-dedupe';

/**
 * The dedupe store shared by every ingestion instance: the namespace's INGEST_DEDUPE
 * key-value bucket, keyed by envelope id (a hash of workspace and messageId, so always a
 * valid key). Provisioning creates the bucket; at start-up this only warns when it is
 * missing or forgets sooner than the configured window, since look-ups then fail (503) or
 * miss old duplicates.
 */
export class KeyValueCallDedupe extends CallDedupe implements OnApplicationBootstrap {
  private readonly logger = new Logger(KeyValueCallDedupe.name);

  constructor(
    private readonly store: Pick<KeyValueDedupeStore, 'seen' | 'record' | 'bucketTtlMs'>,
    private readonly windowMs: number,
  ) {
    super();
  }

  seen(eventIds: readonly string[]): Promise<ReadonlySet<string>> {
    return this.store.seen(eventIds);
  }

  record(eventIds: readonly string[]): Promise<void> {
    return this.store.record(eventIds);
  }

  async onApplicationBootstrap(): Promise<void> {
    const problem = await this.bucketProblem();
    if (problem !== null) this.logger.warn(problem);
  }

  /** What is wrong with the bucket for the configured window, or null. */
  async bucketProblem(): Promise<string | null> {
    let ttlMs: number | undefined;
    try {
      ttlMs = await this.store.bucketTtlMs();
    } catch (error) {
      return `cannot read the dedupe bucket: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (ttlMs === undefined) {
      return 'the dedupe bucket does not exist: calls are refused with 503 until the namespace is provisioned';
    }
    if (ttlMs > 0 && ttlMs < this.windowMs) {
      return `the dedupe bucket forgets after ${ttlMs / 3_600_000} h, less than INGEST_DEDUPE_WINDOW_HOURS (${this.windowMs / 3_600_000} h): provision it with a longer TTL`;
    }
    return null;
  }
}
