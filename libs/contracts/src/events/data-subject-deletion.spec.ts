import { consumers, Namespace, streams, subjects } from '../registry';
import { DataSubjectDeletionConfirmedV1 } from './data-subject-deletion-confirmed.v1';
import { DataSubjectDeletionRequestedV1 } from './data-subject-deletion-requested.v1';

const header = {
  id: 'dsr_1',
  workspaceId: 'ws-1',
  occurredAt: '2026-11-23T10:00:00.000Z',
  receivedAt: '2026-11-23T10:00:00.000Z',
  correlationId: 'dsr_1',
  causationId: null,
};

const requested = {
  ...header,
  type: 'data-subject.deletion.requested',
  version: 1,
  payload: {
    requestId: 'dsr_1',
    requestType: 'DELETE_ONLY',
    identifiers: [{ type: 'email', value: 'ada@example.com' }],
    requiredServices: ['identity', 'sender-email'],
  },
};

const confirmed = {
  ...header,
  id: 'dsr_1:identity',
  type: 'data-subject.deletion.confirmed',
  version: 1,
  causationId: 'dsr_1',
  payload: { requestId: 'dsr_1', service: 'identity', deletedRecords: 3 },
};

describe('data-subject deletion events', () => {
  it('accept a deletion request naming identifiers and the services that must confirm', () => {
    expect(DataSubjectDeletionRequestedV1.safeParse(requested).success).toBe(true);
  });

  it('refuse a deletion request without identifiers or of a type that does not delete', () => {
    const withPayload = (payload: object) => ({
      ...requested,
      payload: { ...requested.payload, ...payload },
    });
    expect(DataSubjectDeletionRequestedV1.safeParse(withPayload({ identifiers: [] })).success).toBe(
      false,
    );
    expect(
      DataSubjectDeletionRequestedV1.safeParse(withPayload({ requestType: 'SUPPRESS' })).success,
    ).toBe(false);
  });

  it('accept a confirmation and refuse one whose service name cannot be a subject token', () => {
    expect(DataSubjectDeletionConfirmedV1.safeParse(confirmed).success).toBe(true);
    const dotted = { ...confirmed, payload: { ...confirmed.payload, service: 'sender.email' } };
    expect(DataSubjectDeletionConfirmedV1.safeParse(dotted).success).toBe(false);
  });

  it('put requests and every service confirmation on the PRIVACY stream, where ingestion collects the confirmations', () => {
    const privacy = streams.PRIVACY.subjects;
    expect(privacy).toContain(subjects.deletionRequested());
    expect(subjects.deletionConfirmed('sender-email')).toBe(
      'privacy.deletion.confirmed.sender-email',
    );
    const { filterSubject } = new Namespace('x').consumer(consumers.ingestionDeletionConfirmations);
    expect(filterSubject).toBe('x.privacy.deletion.confirmed.*');
    expect(consumers.ingestionDeletionConfirmations.stream).toBe('PRIVACY');
  });
});
