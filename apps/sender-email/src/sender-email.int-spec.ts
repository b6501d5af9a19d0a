import { resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import {
  MessageFailedV1,
  MessageRequestedV1,
  MessageSentV1,
  MessageSkippedV1,
  subjects,
} from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { openDatabase } from '@meridian/persistence';
import {
  createTestNamespace,
  findReferences,
  profileErasedEvent,
  waitForDeletionConfirmation,
  type TestNamespace,
} from '@meridian/test-fixtures';
import { listenInProcess, waitFor } from '@meridian/testing';
import { createSenderEmailApp } from './bootstrap';
import { loadSenderEmailConfig } from './config';
import {
  BOUNCING_DOMAIN,
  startSmtpReceiver,
  type SmtpReceiver,
} from './test-support/smtp-receiver';

const PARTITIONS = 2;
const PARTITION = 1;

function requested(id: string, email: string, firstName: string) {
  return MessageRequestedV1.parse({
    id,
    type: 'message.requested',
    version: 1,
    workspaceId: 'ws-int',
    occurredAt: '2026-11-23T10:00:01.000Z',
    receivedAt: '2026-11-23T10:00:00.000Z',
    correlationId: `call-${id}`,
    causationId: `resolved-${id}`,
    payload: {
      messageId: `msg_${id}`,
      profileId: `prof-${id}`,
      partition: PARTITION,
      channel: 'email',
      templateId: 'welcome',
      journeyId: 'welcome',
      recipient: { email, name: firstName },
      variables: { firstName, email },
    },
  });
}

describe('sender-email service (in process, real NATS, FerretDB and SMTP)', () => {
  let namespace: TestNamespace;
  let receiver: SmtpReceiver;
  let app: INestApplication;
  let publisher: JetStreamPublisher;
  let baseUrl: string;

  const outcome = async (status: 'sent' | 'failed' | 'skipped', messageId: string) =>
    waitFor(
      async () => {
        const subject = namespace.names.subject(subjects.message(status, 'email', PARTITION));
        const stored = await namespace.readStream('MESSAGES');
        return stored.find(
          (m) => m.subject === subject && JSON.stringify(m.body).includes(`"${messageId}"`),
        )?.body;
      },
      { description: `message.${status} of ${messageId}`, timeoutMs: 20_000, intervalMs: 100 },
    );

  const getJson = async (path: string) => {
    const response = await fetch(`${baseUrl}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    namespace = await createTestNamespace({ label: 'senderemail', partitions: PARTITIONS });
    receiver = await startSmtpReceiver();
    const config = loadSenderEmailConfig(
      namespace.env({ SMTP_URL: receiver.url, TEMPLATES_DIR: resolve(__dirname, '../templates') }),
    );
    app = await createSenderEmailApp(config, { logDestination: { write: () => undefined } });
    baseUrl = await listenInProcess(app);
    publisher = app.get(JetStreamPublisher);
  });

  afterAll(async () => {
    await app?.close();
    await receiver?.stop();
    await namespace?.dispose();
  });

  it('sends a requested welcome email and reports it sent', async () => {
    const request = requested('grace1', 'grace@example.com', 'Grace');
    await publisher.publish(subjects.message('requested', 'email', PARTITION), request);

    const sent = MessageSentV1.parse(await outcome('sent', 'msg_grace1'));
    expect(sent).toMatchObject({ causationId: request.id, correlationId: request.correlationId });
    expect(sent.payload).toMatchObject({
      provider: 'smtp',
      providerMessageId: '<msg_grace1@meridian.local>',
      recipient: 'grace@example.com',
    });
    const mail = receiver.mails.find((m) => m.messageId === '<msg_grace1@meridian.local>');
    expect(mail?.subject).toBe('Welcome to Meridian, Grace!');
    expect(mail?.to).toMatchObject({ value: [{ address: 'grace@example.com' }] });
  });

  it('reports a recipient the server refuses as a permanent failure', async () => {
    const request = requested('nobody1', `nobody@${BOUNCING_DOMAIN}`, 'Nobody');
    await publisher.publish(subjects.message('requested', 'email', PARTITION), request);

    const failed = MessageFailedV1.parse(await outcome('failed', 'msg_nobody1'));
    expect(failed.payload.permanent).toBe(true);
    expect(failed.payload.error).toContain('550');
  });

  it("deletes an erased profile's deliveries, confirms, and skips a later request for it without sending", async () => {
    const request = requested('erin1', 'erin@example.com', 'Erin');
    await publisher.publish(subjects.message('requested', 'email', PARTITION), request);
    await outcome('sent', 'msg_erin1');
    const database = await openDatabase(namespace.infra.mongoUrl, namespace.name);
    try {
      expect(await findReferences(database.db, ['erin@example.com'])).toHaveLength(1);

      await publisher.publish(
        subjects.profileErased(PARTITION),
        profileErasedEvent({
          workspaceId: 'ws-int',
          requestId: 'dsr_erin',
          profileId: 'prof-erin1',
          partition: PARTITION,
        }),
      );
      const confirmation = await waitForDeletionConfirmation(namespace, 'dsr_erin');
      expect(confirmation).toMatchObject({
        id: 'dsr_erin:sender-email',
        payload: { service: 'sender-email', deletedRecords: 1 },
      });
      expect(await findReferences(database.db, ['erin@example.com', 'prof-erin1'])).toEqual([]);

      // A request for her decided before the erasure, sent after it.
      const late = requested('erin2', 'erin@example.com', 'Erin');
      const lateRequest = { ...late, payload: { ...late.payload, profileId: 'prof-erin1' } };
      await publisher.publish(subjects.message('requested', 'email', PARTITION), lateRequest);
      const skipped = MessageSkippedV1.parse(await outcome('skipped', 'msg_erin2'));
      expect(skipped.payload.reason).toBe('profile_erased');
      expect(receiver.mails.filter((mail) => mail.messageId?.includes('erin2'))).toEqual([]);
      expect(await findReferences(database.db, ['erin@example.com', 'prof-erin1'])).toEqual([]);
      expect(await namespace.readStream('DLQ')).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it('is ready while NATS, the database and the SMTP server are, and not after SMTP stops', async () => {
    const ready = await getJson('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body['checks']).toEqual(expect.arrayContaining([{ name: 'smtp', status: 'up' }]));

    await receiver.stop();
    const notReady = await getJson('/health/ready');
    expect(notReady.status).toBe(503);
    expect(notReady.body['failing']).toEqual(['smtp']);
  });
});
