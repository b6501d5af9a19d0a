import { randomUUID } from 'node:crypto';
import { testInfra, uniqueNamespace, waitFor } from '@meridian/testing';
import { adminCall, field, seedAdminKey } from '../admin-api/admin-test-client';
import {
  basicAuthHeader,
  IngestionTestBed,
  postJson,
  type IngestionInstance,
} from '../testing/ingestion-test-bed';

const OWNER = 'suppression-owner-key';
const WORKSPACE = 'ws-suppress';
const WRITE_KEY = 'suppression-write-key';
const auth = { authorization: basicAuthHeader(WRITE_KEY) };

describe('suppression at ingestion, two instances on real NATS and FerretDB', () => {
  const infra = testInfra();
  const namespace = uniqueNamespace('suppress');
  let bed: IngestionTestBed;
  let first: IngestionInstance;
  let second: IngestionInstance;

  beforeAll(async () => {
    bed = await IngestionTestBed.start({ ...infra, namespace, partitions: 2 });
    first = await bed.startInstance();
    second = await bed.startInstance();
    await seedAdminKey(first, OWNER, 'owner', null);
    const workspace = await adminCall(first, 'POST', '/admin/v1/workspaces', OWNER, {
      workspaceId: WORKSPACE,
      name: 'Suppression',
    });
    expect(workspace.status).toBe(201);
    await bed.seed({ workspaceId: WORKSPACE, sourceId: 'web', writeKey: WRITE_KEY });
  });

  afterAll(async () => {
    await bed?.close();
  });

  const request = (type: string, identifiers: { type: string; value: string }[]) =>
    adminCall(first, 'POST', `/admin/v1/workspaces/${WORKSPACE}/data-subject-requests`, OWNER, {
      type,
      identifiers,
    });

  /** Sends one track call; true when it was answered 200 and stored on INGEST. */
  const sendAndStore = async (instance: IngestionInstance, call: Record<string, unknown>) => {
    const messageId = `m-${randomUUID()}`;
    const response = await postJson(
      `${instance.url}/v1/track`,
      { event: 'Viewed', messageId, ...call },
      auth,
    );
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 200,
      body: { success: true },
    });
    return (await bed.storedWithMessageId(messageId)).length === 1;
  };

  const suppressedCounted = async (instance: IngestionInstance) => {
    const metrics = await (await fetch(`${instance.url}/metrics`)).text();
    return Number(/meridian_ingest_suppressed_total(?:\{[^}]*\})? (\d+)/.exec(metrics)?.[1] ?? 0);
  };

  const listedSuppressions = async () => {
    const answer = await adminCall(
      first,
      'GET',
      `/admin/v1/workspaces/${WORKSPACE}/suppressions`,
      OWNER,
    );
    expect(answer.status).toBe(200);
    const { suppressions } = answer.body as {
      suppressions: { identifier: { type: string; value: string }; droppedEvents: number }[];
    };
    return suppressions;
  };

  it('drops a suppressed userId on the other instance within about a second, answered as accepted and counted', async () => {
    // The other instance has read the workspace's (empty) suppressions just now.
    expect(await sendAndStore(second, { userId: 'u-suppressed' })).toBe(true);

    const created = await request('SUPPRESS', [{ type: 'userId', value: 'u-suppressed' }]);
    expect(created).toMatchObject({ status: 201, body: { type: 'SUPPRESS', status: 'completed' } });

    expect(await sendAndStore(first, { userId: 'u-suppressed' })).toBe(false);
    await waitFor(async () => !(await sendAndStore(second, { userId: 'u-suppressed' })), {
      description: 'the other instance to drop the suppressed userId',
      timeoutMs: 2_500,
      intervalMs: 100,
    });
    expect(await sendAndStore(second, { userId: 'u-other' })).toBe(true);
    expect(await suppressedCounted(first)).toBeGreaterThanOrEqual(1);
    expect(await suppressedCounted(second)).toBeGreaterThanOrEqual(1);
  });

  it('drops calls carrying a suppressed email in another case and with blanks, in any trait bag', async () => {
    await request('SUPPRESS', [{ type: 'email', value: ' Grace.Hopper@Example.COM ' }]);
    const before = await suppressedCounted(first);

    const batch = await postJson(
      `${first.url}/v1/batch`,
      {
        batch: [
          {
            type: 'identify',
            userId: 'u-grace',
            messageId: 'grace-identify',
            traits: { email: 'GRACE.hopper@example.com  ' },
          },
          {
            type: 'track',
            event: 'Viewed',
            anonymousId: 'anon-grace',
            messageId: 'grace-track',
            context: { traits: { email: ' grace.hopper@EXAMPLE.com' } },
          },
          { type: 'track', event: 'Viewed', userId: 'u-ada', messageId: 'ada-track' },
        ],
      },
      auth,
    );

    expect(await batch.json()).toEqual({ success: true });
    expect(await bed.storedWithMessageId('grace-identify')).toHaveLength(0);
    expect(await bed.storedWithMessageId('grace-track')).toHaveLength(0);
    expect(await bed.storedWithMessageId('ada-track')).toHaveLength(1);
    expect(await suppressedCounted(first)).toBe(before + 2);
  });

  it('lists the active suppressions with the events dropped under each, from both instances', async () => {
    const suppressions = await waitFor(
      async () => {
        const listed = await listedSuppressions();
        // One userId call dropped on each instance, two email calls on the first.
        const counted = listed.filter((entry) => entry.droppedEvents >= 2);
        return counted.length === 2 ? listed : undefined;
      },
      { description: 'the drop counts to be written', timeoutMs: 5_000, intervalMs: 200 },
    );

    expect(suppressions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          identifier: { type: 'email', value: 'grace.hopper@example.com' },
          droppedEvents: 2,
        }),
        expect.objectContaining({
          identifier: { type: 'userId', value: 'u-suppressed' },
          droppedEvents: 2,
        }),
      ]),
    );
  });

  it('lets a person through again on every instance once unsuppressed', async () => {
    const lifted = await request('UNSUPPRESS', [{ type: 'userId', value: 'u-suppressed' }]);
    expect(lifted).toMatchObject({
      status: 201,
      body: { type: 'UNSUPPRESS', status: 'completed' },
    });

    expect(await sendAndStore(first, { userId: 'u-suppressed' })).toBe(true);
    await waitFor(() => sendAndStore(second, { userId: 'u-suppressed' }), {
      description: 'the other instance to accept the unsuppressed userId again',
      timeoutMs: 2_500,
      intervalMs: 100,
    });
    const remaining = await listedSuppressions();
    expect(remaining.map((entry) => entry.identifier.type)).toEqual(['email']);
  });

  it('keeps the request on record, readable by id', async () => {
    const created = await request('SUPPRESS', [{ type: 'crm_id', value: 'crm-42' }]);
    const id = field(created, 'id');

    const read = await adminCall(
      first,
      'GET',
      `/admin/v1/workspaces/${WORKSPACE}/data-subject-requests/${id}`,
      OWNER,
    );

    expect(read).toMatchObject({
      status: 200,
      body: {
        id,
        type: 'SUPPRESS',
        identifiers: [{ type: 'crm_id', value: 'crm-42' }],
        status: 'completed',
        requiredServices: [],
        completedAt: expect.any(String),
      },
    });
    expect(
      await sendAndStore(first, {
        userId: 'u-crm',
        context: { externalIds: [{ id: 'crm-42', type: 'crm_id', collection: 'users' }] },
      }),
    ).toBe(false);
  });
});
