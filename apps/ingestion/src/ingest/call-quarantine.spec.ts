import { CallQuarantinedV1, subjects } from '@meridian/contracts';
import type { JetStreamPublisher, OutgoingMessage } from '@meridian/messaging';
import { MetricsRegistry } from '@meridian/observability';
import { JetStreamCallQuarantine } from './call-quarantine';
import { IngestMetrics } from './ingest.metrics';
import {
  blockedEntry,
  callQuarantinedEvent,
  invalidEntry,
  quarantineEventId,
  type QuarantineEntry,
} from './quarantine-entry';

const owner = { workspaceId: 'ws_q', sourceId: 'src_q' };
const receivedAt = new Date('2026-03-01T12:00:00.000Z');
const missingEvent = invalidEntry(
  {
    index: 1,
    code: 'MISSING_EVENT',
    message: 'a track call needs an event name',
    issues: [{ path: ['event'], code: 'custom', message: 'event is required' }],
  },
  { type: 'track', userId: 'u', messageId: 'm-1' },
);

describe('quarantine entries and events', () => {
  it('builds a valid CallQuarantinedV1 holding the call as sent, its kind, code and violations', () => {
    const event = CallQuarantinedV1.parse(callQuarantinedEvent(owner, missingEvent, receivedAt));

    expect(event.workspaceId).toBe('ws_q');
    expect(event.receivedAt).toBe('2026-03-01T12:00:00.000Z');
    expect(event.correlationId).toBe(event.id);
    expect(event.payload).toEqual({
      sourceId: 'src_q',
      kind: 'invalid',
      code: 'MISSING_EVENT',
      violations: [{ rule: 'MISSING_EVENT', path: ['event'], message: 'event is required' }],
      call: { type: 'track', userId: 'u', messageId: 'm-1' },
      callType: 'track',
    });
  });

  it("records the route's call type for a single call whose body has none", () => {
    const entry = invalidEntry(
      { index: 0, code: 'MISSING_EVENT', message: 'a track call needs an event name' },
      { userId: 'u' },
      'track',
    );

    expect(entry.callType).toBe('track');
    expect(entry.call).toEqual({ userId: 'u' });
  });

  it('gives a refusal without issues one violation named after its code', () => {
    const entry = invalidEntry({ index: 0, code: 'INVALID_CALL_TYPE', message: 'bad type' }, 42);

    expect(entry.violations).toEqual([
      { rule: 'INVALID_CALL_TYPE', path: [], message: 'bad type' },
    ]);
    expect(entry.call).toEqual({ value: 42 });
  });

  it('keeps the tracking-plan violations of a blocked call and drops a body writeKey', () => {
    const entry = blockedEntry(
      {
        index: 0,
        call: {
          type: 'track',
          event: 'Unplanned',
          messageId: 'm-b',
          userId: 'u',
          properties: {},
          context: {},
          integrations: {},
          timestamp: '2026-03-01T12:00:00.000Z',
          receivedAt: '2026-03-01T12:00:00.000Z',
        },
        violations: [{ rule: 'unplanned_event', path: ['event'], message: 'not in the plan' }],
      },
      { type: 'track', event: 'Unplanned', userId: 'u', writeKey: 'secret' },
    );

    expect(entry).toEqual({
      kind: 'blocked',
      code: 'TRACKING_PLAN_BLOCKED',
      violations: [{ rule: 'unplanned_event', path: ['event'], message: 'not in the plan' }],
      call: { type: 'track', event: 'Unplanned', userId: 'u' },
      callType: 'track',
    });
  });

  it('derives the same id for a retried call and different ids per workspace and kind', () => {
    const retried = invalidEntry(
      { index: 0, code: 'MISSING_EVENT', message: 'm' },
      {
        type: 'track',
        messageId: 'm-1',
      },
    );
    const blocked: QuarantineEntry = { ...missingEvent, kind: 'blocked' };

    expect(quarantineEventId('ws_q', retried)).toBe(quarantineEventId('ws_q', missingEvent));
    expect(quarantineEventId('ws_other', missingEvent)).not.toBe(
      quarantineEventId('ws_q', missingEvent),
    );
    expect(quarantineEventId('ws_q', blocked)).not.toBe(quarantineEventId('ws_q', missingEvent));
  });

  it('derives the id of a call without messageId from its body', () => {
    const entryOf = (userId: string) =>
      invalidEntry({ index: 0, code: 'MISSING_EVENT', message: 'm' }, { type: 'track', userId });

    expect(quarantineEventId('ws_q', entryOf('a'))).toBe(quarantineEventId('ws_q', entryOf('a')));
    expect(quarantineEventId('ws_q', entryOf('a'))).not.toBe(
      quarantineEventId('ws_q', entryOf('b')),
    );
  });
});

/** The value of meridian_ingest_violations_total for source src_q, `event` and `rule`. */
function violationCount(exposed: string, event: string, rule: string): string | undefined {
  const line = exposed
    .split('\n')
    .find(
      (candidate) =>
        candidate.startsWith('meridian_ingest_violations_total{') &&
        candidate.includes('source="src_q"') &&
        candidate.includes(`event="${event}"`) &&
        candidate.includes(`rule="${rule}"`),
    );
  return line?.split(' ').pop();
}

describe('JetStreamCallQuarantine', () => {
  function quarantineWith(duplicate: boolean) {
    const published: OutgoingMessage[] = [];
    const publisher = {
      publishMany: async (messages: readonly OutgoingMessage[]) => {
        published.push(...messages);
        return messages.map((_, seq) => ({ stream: 'Q', seq, duplicate }));
      },
    };
    const metrics = new MetricsRegistry('quarantine-spec', { defaultMetrics: false });
    const quarantine = new JetStreamCallQuarantine(
      publisher as unknown as JetStreamPublisher,
      new IngestMetrics(metrics),
    );
    return { quarantine, published, metrics };
  }

  it('publishes each call on quarantine.<kind>.<workspace> and counts its violations per source, event and rule', async () => {
    const { quarantine, published, metrics } = quarantineWith(false);
    const blocked: QuarantineEntry = {
      kind: 'blocked',
      code: 'TRACKING_PLAN_BLOCKED',
      violations: [
        { rule: 'schema', path: ['properties', 'total'], message: 'must be number' },
        { rule: 'unplanned_property', path: ['properties', 'x'], message: 'not planned' },
      ],
      call: { type: 'track', event: 'Order Completed' },
    };

    await quarantine.hold(owner, [missingEvent, blocked], receivedAt);

    expect(published.map((message) => message.subject)).toEqual([
      subjects.quarantine('invalid', 'ws_q'),
      subjects.quarantine('blocked', 'ws_q'),
    ]);
    const exposed = await metrics.expose();
    expect(violationCount(exposed, 'track', 'MISSING_EVENT')).toBe('1');
    expect(violationCount(exposed, 'Order Completed', 'schema')).toBe('1');
    expect(violationCount(exposed, 'Order Completed', 'unplanned_property')).toBe('1');
    expect(exposed).toMatch(/meridian_ingest_quarantined_total\{[^}]*\} 1/);
  });

  it('does not count a call again when the stream drops it as a duplicate', async () => {
    const { quarantine, metrics } = quarantineWith(true);

    await quarantine.hold(owner, [missingEvent], receivedAt);

    expect(violationCount(await metrics.expose(), 'track', 'MISSING_EVENT')).toBeUndefined();
  });
});
