import { status } from '@grpc/grpc-js';
import { ProfileApiError, type ProfileApiErrorCode } from '../profile-api';
import { ERROR_CODE_METADATA, errorStatus, grpcStatusOf } from './grpc-status';

describe('gRPC status of a profile API refusal', () => {
  it.each<[ProfileApiErrorCode, status]>([
    ['invalid_request', status.INVALID_ARGUMENT],
    ['unauthenticated', status.UNAUTHENTICATED],
    ['forbidden', status.PERMISSION_DENIED],
    ['not_found', status.NOT_FOUND],
    ['conflict', status.FAILED_PRECONDITION],
  ])('maps %s to gRPC status %s', (code, expected) => {
    expect(grpcStatusOf(code)).toBe(expected);
  });

  it('puts the code in the details and in meridian-error-code', () => {
    const answer = errorStatus(ProfileApiError.notFound('no profile "p1" in this workspace'));

    expect(answer.code).toBe(status.NOT_FOUND);
    expect(answer.details).toBe('not_found: no profile "p1" in this workspace');
    expect(answer.metadata.get(ERROR_CODE_METADATA)).toEqual(['not_found']);
  });

  it('answers any other failure with INTERNAL without revealing it', () => {
    expect(errorStatus(new Error('mongodb://secret'))).toMatchObject({
      code: status.INTERNAL,
      details: 'internal error',
    });
  });
});
