import type { DataSubjectDeletionConfirmedV1 } from '@meridian/contracts';
import { PermanentError } from '@meridian/messaging';
import { createTestDatabase, type TestDatabase } from '@meridian/test-fixtures';
import { dataSubjectRequestCollections } from '../data-subject-requests.module';
import {
  DataSubjectRequestRepository,
  DeletionConfirmationRepository,
} from './data-subject-request.repository';
import type { DataSubjectRequestDocument } from './data-subject-requests.collection';
import { DeletionConfirmationService } from './deletion-confirmation.service';

const WORKSPACE = 'ws-confirm';

describe('DeletionConfirmationService on FerretDB', () => {
  let database: TestDatabase;
  let requests: DataSubjectRequestRepository;
  let confirmations: DeletionConfirmationRepository;
  let service: DeletionConfirmationService;

  beforeAll(async () => {
    database = await createTestDatabase({
      label: 'dsrconfirm',
      collections: dataSubjectRequestCollections,
    });
    requests = new DataSubjectRequestRepository(database.db);
    confirmations = new DeletionConfirmationRepository(database.db);
    service = new DeletionConfirmationService(requests, confirmations);
  });

  afterAll(async () => {
    await database?.dispose();
  });

  const deletion = async (id: string, requiredServices: string[]) => {
    const now = new Date();
    const request: DataSubjectRequestDocument = {
      _id: id,
      workspaceId: WORKSPACE,
      type: 'DELETE_ONLY',
      identifiers: [{ type: 'userId', value: 'u-1' }],
      status: 'in_progress',
      requiredServices,
      requestedBy: 'ak_test',
      createdAt: now,
      updatedAt: now,
    };
    await requests.insert(request);
  };

  const confirmation = (
    requestId: string,
    service: string,
    workspaceId = WORKSPACE,
  ): DataSubjectDeletionConfirmedV1 => ({
    id: `${requestId}:${service}`,
    type: 'data-subject.deletion.confirmed',
    version: 1,
    workspaceId,
    occurredAt: '2026-11-23T10:00:00.000Z',
    receivedAt: '2026-11-23T10:00:00.000Z',
    correlationId: requestId,
    causationId: requestId,
    payload: { requestId, service, deletedRecords: 2 },
  });

  const statusOf = async (id: string) => (await requests.findById(WORKSPACE, id))?.status;

  it('completes a request only once every required service confirmed', async () => {
    await deletion('dsr-a', ['identity', 'scoring']);

    await service.record(confirmation('dsr-a', 'identity'));
    expect(await statusOf('dsr-a')).toBe('in_progress');

    await service.record(confirmation('dsr-a', 'scoring'));
    const completed = await requests.findById(WORKSPACE, 'dsr-a');
    expect(completed).toMatchObject({ status: 'completed', completedAt: expect.any(Date) });
  });

  it('stores a repeated confirmation once', async () => {
    await deletion('dsr-b', ['identity', 'scoring']);

    await service.record(confirmation('dsr-b', 'identity'));
    await service.record(confirmation('dsr-b', 'identity'));

    const stored = await confirmations.forRequests(WORKSPACE, ['dsr-b']);
    expect(stored.map((entry) => entry.service)).toEqual(['identity']);
    expect(await statusOf('dsr-b')).toBe('in_progress');
  });

  it('records a confirmation from a service nobody required without counting it', async () => {
    await deletion('dsr-c', ['identity']);

    await service.record(confirmation('dsr-c', 'sender-sms'));

    expect(await statusOf('dsr-c')).toBe('in_progress');
    const stored = await confirmations.forRequests(WORKSPACE, ['dsr-c']);
    expect(stored.map((entry) => entry.service)).toEqual(['sender-sms']);
  });

  it('records confirmations arriving at once, as from two instances, and completes the request', async () => {
    await deletion('dsr-d', ['identity', 'scoring', 'orchestration']);

    await Promise.all(
      ['identity', 'scoring', 'orchestration'].map((name) =>
        service.record(confirmation('dsr-d', name)),
      ),
    );

    expect(await statusOf('dsr-d')).toBe('completed');
  });

  it('dead-letters a confirmation of a request the workspace does not have', async () => {
    await deletion('dsr-e', ['identity']);

    await expect(
      service.record(confirmation('dsr-e', 'identity', 'another-workspace')),
    ).rejects.toBeInstanceOf(PermanentError);
    await expect(service.record(confirmation('dsr-missing', 'identity'))).rejects.toBeInstanceOf(
      PermanentError,
    );
  });
});
