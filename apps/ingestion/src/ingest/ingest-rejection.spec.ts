import { IngestRejection, type RejectionCode } from './ingest-rejection';

describe('IngestRejection', () => {
  it.each<[RejectionCode, number]>([
    ['INVALID_WRITE_KEY', 401],
    ['EVENT_TOO_LARGE', 400],
    ['BATCH_TOO_LARGE', 400],
    ['TOO_MANY_EVENTS', 400],
    ['INVALID_BATCH', 400],
    ['INVALID_CALL_TYPE', 400],
    ['INVALID_JSON', 400],
    ['UNSUPPORTED_ENCODING', 415],
    ['INVALID_ENCODING', 400],
    ['MESSAGE_ID_TOO_LONG', 400],
    ['MISSING_IDENTITY', 400],
    ['MISSING_EVENT', 400],
    ['MISSING_PREVIOUS_ID', 400],
    ['MISSING_GROUP_ID', 400],
    ['INVALID_FIELD', 400],
    ['RATE_LIMITED', 429],
    ['STREAM_UNAVAILABLE', 503],
  ])('answers %s with status %i and a Segment-style body', (code, status) => {
    const rejection = new IngestRejection(code, 'why');

    expect(rejection.status).toBe(status);
    expect(rejection.body).toEqual({ success: false, code, message: 'why' });
  });

  it('tells the SDK when to retry: 5 s for an unavailable stream, what the limiter says for a rate limit', () => {
    expect(new IngestRejection('STREAM_UNAVAILABLE', 'down').headers).toEqual({
      'Retry-After': '5',
    });
    expect(
      new IngestRejection('RATE_LIMITED', 'slow down', [], { retryAfterSeconds: 3 }).headers,
    ).toEqual({ 'Retry-After': '3' });
    expect(new IngestRejection('MISSING_EVENT', 'no event').headers).toEqual({});
  });
});
