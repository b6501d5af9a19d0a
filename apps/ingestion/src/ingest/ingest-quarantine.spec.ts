import { Logger } from '@nestjs/common';
import { compileTrackingPlan } from '@meridian/ingest-governance';
import { basicAuth, ingestHarness } from '../testing/ingest-doubles';
import { IngestRejection } from './ingest-rejection';
import type { IngestRequest } from './ingest.service';

const request = (
  body: Record<string, unknown>,
  authorization: string | undefined = basicAuth('key-a'),
): IngestRequest => ({ body, authorization, clientIp: undefined });

const blockingPlan = compileTrackingPlan({ mode: 'block', events: { Planned: {} } });

async function rejectionOf(attempt: Promise<unknown>): Promise<IngestRejection> {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof IngestRejection) return error;
    throw error;
  }
  throw new Error('expected an IngestRejection');
}

describe('IngestService, quarantine of refused and blocked calls', () => {
  let errors: jest.SpyInstance;

  beforeEach(() => {
    errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => errors.mockRestore());

  it('quarantines a refused single call as sent and still answers its 400', async () => {
    const harness = ingestHarness();
    const body = { userId: 'u', messageId: 'm-invalid' };

    const rejection = await rejectionOf(harness.service.ingestCall('track', request(body)));

    expect(rejection.code).toBe('MISSING_EVENT');
    expect(harness.quarantine.held).toEqual([
      expect.objectContaining({ kind: 'invalid', code: 'MISSING_EVENT', call: body }),
    ]);
  });

  it('quarantines the refused entries of a batch as sent, and only them', async () => {
    const harness = ingestHarness();
    const bad = { type: 'track', userId: 'u', messageId: 'm-bad' };

    const outcome = await harness.service.ingestBatch(
      request({
        batch: [{ type: 'track', userId: 'u', event: 'Fine' }, bad, 'not a call'],
        context: { locale: 'en-GB' },
      }),
    );

    expect(outcome.refused.map(({ code }) => code)).toEqual(['MISSING_EVENT', 'INVALID_CALL_TYPE']);
    expect(harness.quarantine.held.map(({ code, call }) => [code, call])).toEqual([
      ['INVALID_CALL_TYPE', { value: 'not a call' }],
      ['MISSING_EVENT', bad],
    ]);
    expect(harness.publisher.published).toHaveLength(1);
  });

  it('answers 503 with Retry-After when a refused call cannot be quarantined', async () => {
    const harness = ingestHarness();
    harness.quarantine.failWith = new Error('no stream');

    const rejection = await rejectionOf(
      harness.service.ingestCall('track', request({ userId: 'u' })),
    );

    expect(rejection.status).toBe(503);
    expect(rejection.code).toBe('STREAM_UNAVAILABLE');
    expect(rejection.headers).toHaveProperty('Retry-After');
  });

  it('answers 503 for a batch whose blocked or refused calls cannot be quarantined', async () => {
    const harness = ingestHarness({
      governance: { missingConsentPolicy: 'accept', trackingPlan: blockingPlan },
    });
    harness.quarantine.failWith = new Error('no stream');

    const rejection = await rejectionOf(
      harness.service.ingestBatch(
        request({ batch: [{ type: 'track', userId: 'u', event: 'Unplanned', messageId: 'b' }] }),
      ),
    );

    expect(rejection.status).toBe(503);
    expect(rejection.headers).toHaveProperty('Retry-After');
  });

  it('quarantines nothing for an unknown write key or a refused whole request', async () => {
    const harness = ingestHarness({ rateLimit: { ratePerSecond: 1, burst: 1 }, clock: () => 0 });

    await rejectionOf(harness.service.ingestCall('track', request({ userId: 'u' }, 'Basic eDo=')));
    await rejectionOf(harness.service.ingestBatch(request({ batch: 'nope' })));
    await harness.service.ingestCall('track', request({ userId: 'u', event: 'Drains' }));
    const limited = await rejectionOf(
      harness.service.ingestBatch(
        request({
          batch: [
            { type: 'track', userId: 'u', event: 'A' },
            { type: 'track', userId: 'u', event: 'B' },
            { type: 'track', userId: 'u' },
          ],
        }),
      ),
    );

    expect(limited.code).toBe('RATE_LIMITED');
    expect(harness.quarantine.held).toEqual([]);
  });
});
