import { Logger } from '@nestjs/common';
import type { SegmentCall } from '@meridian/contracts';
import { MetricsRegistry } from '@meridian/observability';
import { LoggingCallQuarantine } from './call-quarantine';
import { IngestMetrics } from './ingest.metrics';

const call: SegmentCall = {
  type: 'track',
  event: 'Unplanned',
  messageId: 'm-q',
  userId: 'u',
  properties: {},
  context: {},
  integrations: {},
  timestamp: '2026-03-01T12:00:00.000Z',
  receivedAt: '2026-03-01T12:00:00.000Z',
};

describe('LoggingCallQuarantine', () => {
  it('counts quarantined calls in meridian_ingest_quarantined_total and logs each with the rules it broke', async () => {
    const metrics = new MetricsRegistry('quarantine-spec', { defaultMetrics: false });
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const quarantine = new LoggingCallQuarantine(new IngestMetrics(metrics));

    await quarantine.hold({ workspaceId: 'ws_q', sourceId: 'src_q' }, [
      {
        index: 0,
        call,
        violations: [{ rule: 'unplanned_event', path: ['event'], message: 'not in the plan' }],
      },
    ]);

    expect(await metrics.expose()).toMatch(/meridian_ingest_quarantined_total\{[^}]*\} 1/);
    expect(warned).toHaveBeenCalledWith(
      expect.stringMatching(/m-q of workspace ws_q.*unplanned_event/),
    );
    warned.mockRestore();
  });
});
