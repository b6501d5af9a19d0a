import {
  DataSubjectDeletionConfirmedV1,
  DataSubjectDeletionRequestedV1,
  Namespace,
  subjects,
} from '@meridian/contracts';
import { JetStreamPublisher, readStoredMessages } from '@meridian/messaging';
import { testInfra, uniqueNamespace, waitFor } from '@meridian/testing';
import { adminCall, field, seedAdminKey, type AdminAnswer } from '../admin-api/admin-test-client';
import { IngestionTestBed, type IngestionInstance } from '../testing/ingestion-test-bed';

const OWNER = 'deletion-owner-key';
const READER = 'deletion-reader-key';
const WORKSPACE = 'ws-delete';
const CONFIRMERS = ['identity', 'scoring', 'orchestration', 'sender-email'];
const requestsPath = `/admin/v1/workspaces/${WORKSPACE}/data-subject-requests`;

describe('data-subject deletion requests on real NATS and FerretDB', () => {
  const infra = testInfra();
  const namespace = uniqueNamespace('dsrdelete');
  let bed: IngestionTestBed;
  let ingestion: IngestionInstance;

  beforeAll(async () => {
    bed = await IngestionTestBed.start({ ...infra, namespace, partitions: 1 });
    // The default confirmers, stated so the spec shows what it waits for.
    ingestion = await bed.startInstance({
      GRPC_PORT: '0',
      DATA_SUBJECT_DELETION_CONFIRMERS: CONFIRMERS.join(','),
    });
    // Starts the deletion-confirmation consumer (and the gRPC server, on a free port).
    await ingestion.app.startAllMicroservices();
    await seedAdminKey(ingestion, OWNER, 'owner', null);
    await seedAdminKey(ingestion, READER, 'read-only', WORKSPACE);
    const workspace = await adminCall(ingestion, 'POST', '/admin/v1/workspaces', OWNER, {
      workspaceId: WORKSPACE,
      name: 'Deletion',
    });
    expect(workspace.status).toBe(201);
  });

  afterAll(async () => {
    await bed?.close();
  });

  const create = (body: unknown, key = OWNER) =>
    adminCall(ingestion, 'POST', requestsPath, key, body);
  const read = (id: string) => adminCall(ingestion, 'GET', `${requestsPath}/${id}`, OWNER);

  const deletionRequests = async () => {
    const stream = new Namespace(namespace).stream('PRIVACY');
    const stored = await readStoredMessages(bed.admin.jsm, stream);
    return stored.map((message) => ({
      subject: message.subject,
      headers: message.headers,
      event: DataSubjectDeletionRequestedV1.safeParse(message.body),
    }));
  };

  /** Publishes a service's confirmation as that service would, with the platform publisher. */
  const confirm = async (requestId: string, service: string, id = `${requestId}:${service}`) => {
    const event: DataSubjectDeletionConfirmedV1 = {
      id,
      type: 'data-subject.deletion.confirmed',
      version: 1,
      workspaceId: WORKSPACE,
      occurredAt: new Date().toISOString(),
      receivedAt: new Date().toISOString(),
      correlationId: requestId,
      causationId: requestId,
      payload: { requestId, service, deletedRecords: 1 },
    };
    await ingestion.app.get(JetStreamPublisher).publish(subjects.deletionConfirmed(service), event);
  };

  const confirmedServices = async (id: string) => {
    const body = (await read(id)).body as { confirmations: { service: string }[] };
    return body.confirmations.map((confirmation) => confirmation.service).sort();
  };

  it('publishes a DELETE_ONLY request for every service and completes it only when every configured service confirmed', async () => {
    const created = await create({
      type: 'DELETE_ONLY',
      identifiers: [
        { type: 'userId', value: 'u-erase' },
        { type: 'email', value: ' Erase.Me@Example.com' },
      ],
    });
    expect(created).toMatchObject({
      status: 201,
      body: { status: 'in_progress', requiredServices: CONFIRMERS, pendingServices: CONFIRMERS },
    });
    const id = field(created, 'id');

    const published = (await deletionRequests()).filter(
      ({ event }) => event.success && event.data.payload.requestId === id,
    );
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      subject: `${namespace}.privacy.deletion.requested`,
      headers: expect.objectContaining({ 'Nats-Msg-Id': id }),
    });
    expect(published[0]?.event.data?.payload).toEqual({
      requestId: id,
      requestType: 'DELETE_ONLY',
      identifiers: [
        { type: 'userId', value: 'u-erase' },
        { type: 'email', value: 'erase.me@example.com' },
      ],
      requiredServices: CONFIRMERS,
    });

    const [last, ...others] = [...CONFIRMERS].reverse();
    for (const service of others) await confirm(id, service);
    // A second confirmation under another event id, so the stream does not drop it first.
    await confirm(id, others[0] ?? 'identity', `${id}:again`);
    await confirm(id, 'sender-sms');
    await waitFor(async () => (await confirmedServices(id)).length === others.length + 1, {
      description: 'every confirmation but the last to be recorded',
    });
    expect(await read(id)).toMatchObject({
      body: { status: 'in_progress', pendingServices: [last], completedAt: null },
    });

    await confirm(id, last ?? 'identity');
    const completed = await waitFor(
      async () => {
        const answer = await read(id);
        return (answer.body as { status: string }).status === 'completed' ? answer : undefined;
      },
      { description: 'the request to complete' },
    );
    expect(completed.body).toMatchObject({ pendingServices: [], completedAt: expect.any(String) });
    expect(await confirmedServices(id)).toEqual([...CONFIRMERS, 'sender-sms'].sort());
  });

  it('suppresses and publishes a SUPPRESS_WITH_DELETE request, listed among the requests', async () => {
    const created = await create({
      type: 'SUPPRESS_WITH_DELETE',
      identifiers: [{ type: 'phone', value: '+44 20 7946 0958' }],
    });
    expect(created).toMatchObject({
      status: 201,
      body: { status: 'in_progress', identifiers: [{ type: 'phone', value: '+442079460958' }] },
    });
    const id = field(created, 'id');

    const published = await deletionRequests();
    expect(published.some(({ event }) => event.data?.payload.requestId === id)).toBe(true);
    const suppressions = await adminCall(
      ingestion,
      'GET',
      `/admin/v1/workspaces/${WORKSPACE}/suppressions`,
      READER,
    );
    expect(suppressions).toMatchObject({
      status: 200,
      body: { suppressions: [expect.objectContaining({ requestId: id })] },
    });
    const listed = await adminCall(ingestion, 'GET', `${requestsPath}?status=in_progress`, READER);
    expect((listed.body as { requests: { id: string }[] }).requests[0]?.id).toBe(id);
  });

  describe('refusals', () => {
    const errorOf = (answer: AdminAnswer) => ({
      status: answer.status,
      code: (answer.body as { error: { code: string } }).error.code,
    });

    it('refuses an unknown type, an empty identifier list and unknown fields with 400 invalid_request and their paths', async () => {
      const answer = await create({ type: 'FORGET', identifiers: [], extra: true });

      expect(errorOf(answer)).toEqual({ status: 400, code: 'invalid_request' });
      const issues = (answer.body as { error: { issues: { path: unknown[] }[] } }).error.issues;
      expect(issues.map((issue) => issue.path)).toEqual(
        expect.arrayContaining([['type'], ['identifiers'], []]),
      );
    });

    it('refuses an identifier that cannot be normalised, naming it, and stores nothing', async () => {
      const before = await adminCall(ingestion, 'GET', requestsPath, OWNER);
      const answer = await create({
        type: 'SUPPRESS',
        identifiers: [
          { type: 'userId', value: 'u-fine' },
          { type: 'phone', value: '12' },
        ],
      });

      expect(answer).toMatchObject({
        status: 400,
        body: {
          error: {
            code: 'invalid_request',
            issues: [{ path: ['identifiers', 1, 'value'], code: 'invalid_identifier' }],
          },
        },
      });
      expect(await adminCall(ingestion, 'GET', requestsPath, OWNER)).toEqual(before);
    });

    it('refuses a read-only key (403) and answers 404 for an unknown request', async () => {
      const denied = await create(
        { type: 'SUPPRESS', identifiers: [{ type: 'userId', value: 'u' }] },
        READER,
      );
      expect(errorOf(denied)).toEqual({ status: 403, code: 'forbidden' });
      expect(errorOf(await read('dsr_unknown'))).toEqual({ status: 404, code: 'not_found' });
    });
  });
});
