import { DataSubjectDeletionConfirmedV1 } from '@meridian/contracts';
import { deletionConfirmation } from './deletion-confirmation';

const cause = {
  workspaceId: 'ws-1',
  receivedAt: '2026-11-23T10:00:00.000Z',
  correlationId: 'dsr_1',
};

describe('deletionConfirmation', () => {
  it("confirms on the service's subject under <requestId>:<service>, caused by the request", () => {
    const { subject, event } = deletionConfirmation({
      cause,
      requestId: 'dsr_1',
      serviceName: 'scoring',
      deletedRecords: 4,
      at: '2026-11-23T10:05:00.000Z',
    });

    expect(subject).toBe('privacy.deletion.confirmed.scoring');
    expect(DataSubjectDeletionConfirmedV1.parse(event)).toMatchObject({
      id: 'dsr_1:scoring',
      workspaceId: 'ws-1',
      occurredAt: '2026-11-23T10:05:00.000Z',
      causationId: 'dsr_1',
      payload: { requestId: 'dsr_1', service: 'scoring', deletedRecords: 4 },
    });
  });
});
