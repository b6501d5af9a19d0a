import { Logger } from '@nestjs/common';
import type { SegmentCall } from '@meridian/contracts';
import { compileTrackingPlan, type CompiledPlan } from '@meridian/ingest-governance';
import { MetricsRegistry } from '@meridian/observability';
import { CallDelivery } from '../ingest/call-delivery';
import { ConfiguredGovernancePolicy } from '../ingest/governance-policy';
import { IngestRejection } from '../ingest/ingest-rejection';
import { IngestMetrics } from '../ingest/ingest.metrics';
import { IngestService } from '../ingest/ingest.service';
import { RateLimiter } from '../rate-limit';
import {
  basicAuth,
  MemoryDedupe,
  MemoryQuarantine,
  OWNERS,
  RecordingPublisher,
} from '../testing/ingest-doubles';
import { SuppressionFilter } from './suppression-filter';

/** Suppresses the userIds it is given; can be made to fail like an unreachable database. */
class UserIdSuppression extends SuppressionFilter {
  readonly dropped: string[] = [];
  failWith: Error | null = null;

  constructor(private readonly suppressed: readonly string[]) {
    super();
  }

  async keep<T>(_workspaceId: string, items: readonly T[], callOf: (item: T) => SegmentCall) {
    if (this.failWith) throw this.failWith;
    return items.filter((item) => {
      const { userId, messageId } = callOf(item);
      const drop = typeof userId === 'string' && this.suppressed.includes(userId);
      if (drop) this.dropped.push(messageId);
      return !drop;
    });
  }
}

function service(suppression: SuppressionFilter, plan: CompiledPlan | null = null) {
  const publisher = new RecordingPublisher();
  const quarantine = new MemoryQuarantine();
  const metrics = new IngestMetrics(new MetricsRegistry('spec', { defaultMetrics: false }));
  const ingest = new IngestService(
    {
      writeKeys: { authenticate: async (key: string) => OWNERS[key] ?? null },
      governance: new ConfiguredGovernancePolicy({
        missingConsentPolicy: 'accept',
        trackingPlan: plan,
      }),
      rateLimiter: new RateLimiter({ ratePerSecond: 1_000, burst: 1_000 }),
      delivery: new CallDelivery(publisher, new MemoryDedupe(), metrics),
      quarantine,
      suppression,
    },
    { partitions: 2 },
  );
  return { ingest, publisher, quarantine };
}

const batch = (calls: Record<string, unknown>[]) => ({
  body: { batch: calls },
  authorization: basicAuth('key-a'),
  clientIp: undefined,
});

describe('IngestService with suppressions', () => {
  it('answers a suppressed call as accepted without publishing it, and publishes the others', async () => {
    const suppression = new UserIdSuppression(['u-gone']);
    const { ingest, publisher } = service(suppression);

    const outcome = await ingest.ingestBatch(
      batch([
        { type: 'track', event: 'E', userId: 'u-gone', messageId: 'gone' },
        { type: 'track', event: 'E', userId: 'u-here', messageId: 'here' },
      ]),
    );

    expect(outcome.refused).toEqual([]);
    expect(publisher.published.map((event) => event.payload.call.messageId)).toEqual(['here']);
    expect(suppression.dropped).toEqual(['gone']);
  });

  it('neither quarantines a suppressed call the tracking plan blocks', async () => {
    const plan = compileTrackingPlan({ mode: 'block', events: { Planned: {} } });
    const { ingest, quarantine } = service(new UserIdSuppression(['u-gone']), plan);

    await ingest.ingestBatch(
      batch([
        { type: 'track', event: 'Unplanned', userId: 'u-gone', messageId: 'gone' },
        { type: 'track', event: 'Unplanned', userId: 'u-here', messageId: 'here' },
      ]),
    );

    expect(quarantine.held.map((entry) => entry.call)).toEqual([
      expect.objectContaining({ messageId: 'here' }),
    ]);
  });

  it('answers 503 and publishes nothing when the suppressions cannot be read', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const suppression = new UserIdSuppression([]);
    suppression.failWith = new Error('database away');
    const { ingest, publisher } = service(suppression);

    const attempt = ingest.ingestCall('track', {
      body: { event: 'E', userId: 'u-here', messageId: 'here' },
      authorization: basicAuth('key-a'),
      clientIp: undefined,
    });

    await expect(attempt).rejects.toMatchObject({ code: 'STREAM_UNAVAILABLE', status: 503 });
    await expect(attempt).rejects.toBeInstanceOf(IngestRejection);
    expect(publisher.published).toEqual([]);
    errors.mockRestore();
  });

  it('does not publish a replayed call of a suppressed person, and says it was suppressed', async () => {
    const { ingest, publisher } = service(new UserIdSuppression(['u-gone']));

    const outcome = await ingest.ingestForOwner(
      { workspaceId: 'ws_a', sourceId: 'src_a' },
      'track',
      { event: 'E', userId: 'u-gone', messageId: 'replayed' },
      new Date(),
    );

    expect(outcome).toEqual({ accepted: false, suppressed: true });
    expect(publisher.published).toEqual([]);
  });
});
