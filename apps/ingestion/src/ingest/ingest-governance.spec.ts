import { compileTrackingPlan } from '@meridian/ingest-governance';
import { basicAuth, ingestHarness } from '../testing/ingest-doubles';
import { IngestRejection } from './ingest-rejection';
import type { IngestRequest } from './ingest.service';

const request = (body: Record<string, unknown>): IngestRequest => ({
  body,
  authorization: basicAuth('key-a'),
  clientIp: undefined,
});

async function rejectionOf(attempt: Promise<unknown>): Promise<IngestRejection> {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof IngestRejection) return error;
    throw error;
  }
  throw new Error('expected an IngestRejection');
}

const trackingPlan = compileTrackingPlan({
  mode: 'block',
  events: {
    'Order Completed': {
      type: 'object',
      properties: { total: { type: 'number' } },
      required: ['total'],
    },
  },
});

describe('IngestService governance (hygiene, consent, tracking plan)', () => {
  it('publishes the cleaned call: strings trimmed, emails lowercased, unstorable keys escaped', async () => {
    const harness = ingestHarness();

    await harness.service.ingestCall(
      'identify',
      request({ userId: 'u', traits: { email: ' Ada@Example.COM ', 'address.city': 'Paris' } }),
    );

    expect(harness.publisher.published[0]?.payload.call).toMatchObject({
      traits: { email: 'ada@example.com', 'address%2Ecity': 'Paris' },
    });
  });

  it('refuses a call hygiene cannot clean with 400 and its own code and path', async () => {
    const harness = ingestHarness();

    const rejection = await rejectionOf(
      harness.service.ingestCall('identify', request({ userId: 'u', traits: { phone: '12' } })),
    );

    expect({ status: rejection.status, code: rejection.code }).toEqual({
      status: 400,
      code: 'INVALID_PHONE',
    });
    expect(rejection.issues).toEqual([expect.objectContaining({ path: ['traits', 'phone'] })]);
    expect(harness.publisher.published).toHaveLength(0);
  });

  it('lists governance refusals of a batch by index and keeps the other calls', async () => {
    const harness = ingestHarness();

    const outcome = await harness.service.ingestBatch(
      request({
        batch: [
          { type: 'identify', userId: 'u', traits: { phone: 'not a phone' } },
          { type: 'track', userId: 'u', event: 'Kept', messageId: 'kept' },
          { type: 'track', userId: 'u', event: 'E', properties: { list: [[1, 2]] } },
        ],
      }),
    );

    expect(outcome.refused.map(({ index, code }) => ({ index, code }))).toEqual([
      { index: 0, code: 'INVALID_PHONE' },
      { index: 2, code: 'NESTED_ARRAY' },
    ]);
    expect(harness.publisher.published.map((event) => event.payload.call.messageId)).toEqual([
      'kept',
    ]);
  });

  it('refuses a call without consent with CONSENT_REQUIRED when the policy is refuse', async () => {
    const harness = ingestHarness({ governance: { missingConsentPolicy: 'refuse' } });

    const rejection = await rejectionOf(
      harness.service.ingestCall('track', request({ userId: 'u', event: 'E' })),
    );
    await harness.service.ingestCall(
      'track',
      request({
        userId: 'u',
        event: 'E',
        context: { consent: { categoryPreferences: { marketing: true } } },
      }),
    );

    expect(rejection.code).toBe('CONSENT_REQUIRED');
    expect(harness.publisher.published).toHaveLength(1);
  });

  it('answers a call the tracking plan blocks as accepted, holds it in quarantine and does not publish it', async () => {
    const harness = ingestHarness({
      governance: { missingConsentPolicy: 'accept', trackingPlan },
    });

    await harness.service.ingestCall(
      'track',
      request({
        userId: 'u',
        event: 'Order Completed',
        properties: { total: 'ten' },
        messageId: 'q',
      }),
    );
    const outcome = await harness.service.ingestBatch(
      request({
        batch: [
          { type: 'track', userId: 'u', event: 'Unplanned', messageId: 'q2' },
          { type: 'track', userId: 'u', event: 'Order Completed', properties: { total: 10 } },
        ],
      }),
    );

    expect(outcome.refused).toEqual([]);
    expect(
      harness.quarantine.held.map(({ kind, code, call, violations }) => [
        kind,
        code,
        call['messageId'],
        violations[0]?.rule,
      ]),
    ).toEqual([
      ['blocked', 'TRACKING_PLAN_BLOCKED', 'q', 'schema'],
      ['blocked', 'TRACKING_PLAN_BLOCKED', 'q2', 'unplanned_event'],
    ]);
    expect(harness.publisher.published.map((event) => event.payload.call.type)).toEqual(['track']);
  });
});
