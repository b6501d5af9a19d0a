import { status } from '@grpc/grpc-js';
import { IngestRejection, type RejectionCode } from '../ingest';
import { errorStatus, grpcStatusOf, REASON_CODE_METADATA } from './grpc-status';

describe('gRPC status of a refusal', () => {
  it.each<[RejectionCode, status]>([
    ['INVALID_WRITE_KEY', status.UNAUTHENTICATED],
    ['RATE_LIMITED', status.RESOURCE_EXHAUSTED],
    ['STREAM_UNAVAILABLE', status.UNAVAILABLE],
    ['MISSING_IDENTITY', status.INVALID_ARGUMENT],
    ['TOO_MANY_EVENTS', status.INVALID_ARGUMENT],
    ['BATCH_TOO_LARGE', status.INVALID_ARGUMENT],
    ['INVALID_PHONE', status.INVALID_ARGUMENT],
    ['UNSUPPORTED_ENCODING', status.INVALID_ARGUMENT],
  ])('maps %s to gRPC status %s', (code, expected) => {
    expect(grpcStatusOf(code)).toBe(expected);
  });

  it('puts the reason code in the details and in meridian-reason-code', () => {
    const answer = errorStatus(new IngestRejection('MISSING_IDENTITY', 'no userId'));

    expect(answer.code).toBe(status.INVALID_ARGUMENT);
    expect(answer.details).toBe('MISSING_IDENTITY: no userId');
    expect(answer.metadata.get(REASON_CODE_METADATA)).toEqual(['MISSING_IDENTITY']);
    expect(answer.metadata.get('retry-after')).toEqual([]);
  });

  it('sends the rate limit delay as retry-after', () => {
    const answer = errorStatus(
      new IngestRejection('RATE_LIMITED', 'slow down', [], { retryAfterSeconds: 3 }),
    );

    expect(answer.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(answer.metadata.get('retry-after')).toEqual(['3']);
  });

  it('sends retry-after 5 when the stream is unavailable', () => {
    const answer = errorStatus(new IngestRejection('STREAM_UNAVAILABLE', 'no stream'));

    expect(answer.code).toBe(status.UNAVAILABLE);
    expect(answer.metadata.get('retry-after')).toEqual(['5']);
  });

  it('answers any other failure with INTERNAL without revealing it', () => {
    const answer = errorStatus(new Error('secret connection string'));

    expect(answer).toMatchObject({ code: status.INTERNAL, details: 'internal error' });
  });
});
