import type { CallAcceptedV1 } from '@meridian/contracts';
import { MetricsRegistry } from '@meridian/observability';
import type { GovernanceSettings } from '@meridian/ingest-governance';
import type { WriteKeyOwner } from '@meridian/workspaces';
import { RateLimiter, type RateLimit } from '../rate-limit';
import { CallDedupe } from '../ingest/call-dedupe';
import { CallDelivery } from '../ingest/call-delivery';
import { CallPublisher } from '../ingest/call-publisher';
import { CallQuarantine } from '../ingest/call-quarantine';
import { ConfiguredGovernancePolicy } from '../ingest/governance-policy';
import { IngestMetrics } from '../ingest/ingest.metrics';
import { IngestService } from '../ingest/ingest.service';
import type { QuarantineEntry } from '../ingest/quarantine-entry';

/** Keeps what it is given, like a stream with an unlimited duplicate window; can be made to fail. */
export class RecordingPublisher extends CallPublisher {
  readonly published: CallAcceptedV1[] = [];
  failWith: Error | null = null;

  async publishAll(events: readonly CallAcceptedV1[]): Promise<readonly boolean[]> {
    if (this.failWith) throw this.failWith;
    return events.map((event) => {
      const duplicate = this.published.some((stored) => stored.id === event.id);
      if (!duplicate) this.published.push(event);
      return duplicate;
    });
  }
}

/** An in-memory dedupe store that can be made to fail on look-up or record. */
export class MemoryDedupe extends CallDedupe {
  readonly recorded = new Set<string>();
  failSeenWith: Error | null = null;
  failRecordWith: Error | null = null;

  async seen(eventIds: readonly string[]): Promise<ReadonlySet<string>> {
    if (this.failSeenWith) throw this.failSeenWith;
    return new Set(eventIds.filter((id) => this.recorded.has(id)));
  }

  async record(eventIds: readonly string[]): Promise<void> {
    if (this.failRecordWith) throw this.failRecordWith;
    for (const id of eventIds) this.recorded.add(id);
  }
}

/** Keeps quarantined calls in memory; can be made to fail. */
export class MemoryQuarantine extends CallQuarantine {
  readonly held: QuarantineEntry[] = [];
  failWith: Error | null = null;

  async hold(_owner: WriteKeyOwner, entries: readonly QuarantineEntry[]): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.held.push(...entries);
  }
}

export const OWNERS: Readonly<Record<string, WriteKeyOwner>> = {
  'key-a': { workspaceId: 'ws_a', sourceId: 'src_a' },
  'key-b': { workspaceId: 'ws_b', sourceId: 'src_b' },
};

export const basicAuth = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

export interface IngestHarness {
  readonly service: IngestService;
  readonly publisher: RecordingPublisher;
  readonly dedupe: MemoryDedupe;
  readonly quarantine: MemoryQuarantine;
  readonly metrics: MetricsRegistry;
}

export interface HarnessOptions {
  readonly rateLimit?: RateLimit;
  readonly partitions?: number;
  readonly clock?: () => number;
  readonly governance?: GovernanceSettings;
}

/** An IngestService over in-memory doubles, with OWNERS as the only valid write keys. */
export function ingestHarness(options: HarnessOptions = {}): IngestHarness {
  const publisher = new RecordingPublisher();
  const dedupe = new MemoryDedupe();
  const metrics = new MetricsRegistry('ingestion-spec', { defaultMetrics: false });
  const delivery = new CallDelivery(publisher, dedupe, new IngestMetrics(metrics));
  const writeKeys = { authenticate: async (key: string) => OWNERS[key] ?? null };
  const limiter = new RateLimiter(
    options.rateLimit ?? { ratePerSecond: 1_000_000, burst: 1_000_000 },
    options.clock,
  );
  const quarantine = new MemoryQuarantine();
  const governance = new ConfiguredGovernancePolicy(
    options.governance ?? { missingConsentPolicy: 'accept' },
  );
  const service = new IngestService(
    { writeKeys, governance, rateLimiter: limiter, delivery, quarantine },
    { partitions: options.partitions ?? 8 },
  );
  return { service, publisher, dedupe, quarantine, metrics };
}
