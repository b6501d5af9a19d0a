import { resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import {
  DecisionMadeV1,
  MessageRequestedV1,
  MessageSkippedV1,
  subjects,
} from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { createTestNamespace, type TestNamespace } from '@meridian/test-fixtures';
import { listenInProcess, waitFor } from '@meridian/testing';
import { createOrchestrationApp } from './bootstrap';
import { loadOrchestrationConfig } from './config';
import { signedUpEvent } from './test-support/events';

const PARTITIONS = 2;
const PARTITION = 1;
const WORKSPACE = 'ws-int';
const signedUp = (id: string, profileId: string, traits: Record<string, unknown>) =>
  signedUpEvent({ id, profileId, traits, workspaceId: WORKSPACE, partition: PARTITION });
const WAIT = { timeoutMs: 20_000, intervalMs: 100 };

describe('orchestration service (in process, real NATS and FerretDB)', () => {
  let namespace: TestNamespace;
  let app: INestApplication;
  let publisher: JetStreamPublisher;
  let baseUrl: string;

  const getJson = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${baseUrl}${path}`, { headers });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    namespace = await createTestNamespace({ label: 'orchestration', partitions: PARTITIONS });
    const config = loadOrchestrationConfig(
      namespace.env({ JOURNEYS_FILE: resolve(__dirname, '../journeys/welcome.json') }),
    );
    app = await createOrchestrationApp(config, { logDestination: { write: () => undefined } });
    baseUrl = await listenInProcess(app);
    publisher = app.get(JetStreamPublisher);
  });

  afterAll(async () => {
    await app?.close();
    await namespace?.dispose();
  });

  it('sends the welcome email once per profile and skips a profile without an address', async () => {
    const first = signedUp('evt-ada-1', 'prof-ada', { email: 'ada@example.com', firstName: 'Ada' });
    const again = signedUp('evt-ada-2', 'prof-ada', { email: 'ada@example.com', firstName: 'Ada' });
    const anonymous = signedUp('evt-bob-1', 'prof-bob', { firstName: 'Bob' });
    // One partition consumer handles these in order: once Bob's skip is out, Ada's second
    // sign-up has been handled too.
    for (const event of [first, again, anonymous]) {
      await publisher.publish(subjects.eventsResolved(PARTITION), event);
    }

    const messages = await waitFor(
      async () => {
        const stored = await namespace.readStream('MESSAGES');
        return stored.some((m) =>
          m.subject.endsWith(subjects.message('skipped', 'email', PARTITION)),
        )
          ? stored
          : undefined;
      },
      { description: "Bob's skipped message", ...WAIT },
    );

    const requested = messages
      .filter(
        (m) =>
          m.subject === namespace.names.subject(subjects.message('requested', 'email', PARTITION)),
      )
      .map((m) => MessageRequestedV1.parse(m.body));
    expect(requested).toHaveLength(1);
    expect(requested[0]).toMatchObject({
      causationId: 'evt-ada-1',
      correlationId: 'call-evt-ada-1',
      payload: {
        profileId: 'prof-ada',
        templateId: 'welcome',
        recipient: { email: 'ada@example.com', name: 'Ada' },
        variables: { email: 'ada@example.com', firstName: 'Ada' },
      },
    });
    const skipped = messages
      .filter(
        (m) =>
          m.subject === namespace.names.subject(subjects.message('skipped', 'email', PARTITION)),
      )
      .map((m) => MessageSkippedV1.parse(m.body));
    expect(skipped.map((s) => [s.payload.profileId, s.payload.reason])).toEqual([
      ['prof-bob', 'no_email_address'],
    ]);

    const decisions = (await namespace.readStream('DECISIONS')).map((m) =>
      DecisionMadeV1.parse(m.body),
    );
    expect(decisions.map((d) => [d.payload.profileId, d.payload.action.kind])).toEqual([
      ['prof-ada', 'send'],
      ['prof-bob', 'skip'],
    ]);
  });

  it("shows a profile's journey state in its workspace only", async () => {
    const state = await waitFor(
      async () => {
        const { status, body } = await getJson('/v1/journeys/welcome/states/prof-ada', {
          'x-meridian-workspace': WORKSPACE,
        });
        return status === 200 && body['status'] === 'completed' ? body : undefined;
      },
      { description: 'the completed state of prof-ada', ...WAIT },
    );
    expect(state).toMatchObject({
      workspaceId: WORKSPACE,
      journeyId: 'welcome',
      profileId: 'prof-ada',
      triggerEventId: 'evt-ada-1',
    });
    expect(state).not.toHaveProperty('_id');

    expect((await getJson('/v1/journeys/welcome/states/prof-ada')).status).toBe(404);
    expect((await getJson('/v1/journeys/nope/states/prof-ada')).status).toBe(404);
  });

  it('lists the loaded journeys', async () => {
    const { status, body } = await getJson('/v1/journeys');
    expect(status).toBe(200);
    expect(body['journeys']).toEqual([
      expect.objectContaining({ id: 'welcome', trigger: { type: 'track', event: 'Signed Up' } }),
    ]);
  });

  it('is ready when NATS and the database are', async () => {
    const { status, body } = await getJson('/health/ready');
    expect(status).toBe(200);
    expect(body['failing']).toEqual([]);
  });
});
