import { compileTrackingPlan } from '@meridian/ingest-governance';
import { ingestHarness } from '../testing/ingest-doubles';
import { callEventId } from './call-accepted-event';

const owner = { workspaceId: 'ws_a', sourceId: 'src_a' };
const firstArrival = new Date('2026-03-01T12:00:00.000Z');
const blockingPlan = compileTrackingPlan({ mode: 'block', events: { Planned: {} } });

describe('IngestService, a call on behalf of a known owner (quarantine replay)', () => {
  it('publishes an admitted call as the owner, received when it first arrived', async () => {
    const harness = ingestHarness();

    const outcome = await harness.service.ingestForOwner(
      owner,
      'track',
      {
        userId: 'u',
        event: 'Viewed',
        messageId: 'm-1',
        timestamp: '2026-03-01T11:59:50.000Z',
        sentAt: '2026-03-01T12:00:00.000Z',
      },
      firstArrival,
    );

    expect(outcome).toEqual({
      accepted: true,
      eventId: callEventId('ws_a', 'm-1'),
      messageId: 'm-1',
    });
    const [published] = harness.publisher.published;
    expect(published?.payload).toMatchObject({ sourceId: 'src_a' });
    expect(published?.payload.call).toMatchObject({
      receivedAt: '2026-03-01T12:00:00.000Z',
      timestamp: '2026-03-01T11:59:50.000Z',
    });
  });

  it('publishes a call once however often it is sent (the dedupe catches a retried replay)', async () => {
    const harness = ingestHarness();
    const call = { userId: 'u', event: 'Viewed', messageId: 'm-1' };

    await harness.service.ingestForOwner(owner, 'track', call, firstArrival);
    const again = await harness.service.ingestForOwner(owner, 'track', call, firstArrival);

    expect(again).toMatchObject({ accepted: true, messageId: 'm-1' });
    expect(harness.publisher.published).toHaveLength(1);
  });

  it('returns a refused call with its violations and quarantines nothing', async () => {
    const harness = ingestHarness();

    const outcome = await harness.service.ingestForOwner(
      owner,
      'track',
      { userId: 'u', messageId: 'm-1' },
      firstArrival,
    );

    expect(outcome).toMatchObject({
      accepted: false,
      rejection: { kind: 'invalid', code: 'MISSING_EVENT', callType: 'track' },
    });
    expect(harness.publisher.published).toEqual([]);
    expect(harness.quarantine.held).toEqual([]);
  });

  it("returns a call the source's tracking plan blocks with the plan's violations", async () => {
    const harness = ingestHarness({
      governance: { missingConsentPolicy: 'accept', trackingPlan: blockingPlan },
    });

    const outcome = await harness.service.ingestForOwner(
      owner,
      'track',
      { userId: 'u', event: 'Unplanned', messageId: 'm-1' },
      firstArrival,
    );

    expect(outcome).toMatchObject({
      accepted: false,
      rejection: {
        kind: 'blocked',
        code: 'TRACKING_PLAN_BLOCKED',
        violations: [expect.objectContaining({ rule: 'unplanned_event' })],
      },
    });
    expect(harness.publisher.published).toEqual([]);
    expect(harness.quarantine.held).toEqual([]);
  });
});
