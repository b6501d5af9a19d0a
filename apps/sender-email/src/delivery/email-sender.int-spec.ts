import { resolve } from 'node:path';
import { MessageFailedV1, MessageRequestedV1, MessageSentV1 } from '@meridian/contracts';
import type { Envelope, PublishReceipt } from '@meridian/messaging';
import { ErasedProfilesRepository } from '@meridian/profile-erasure';
import { createTestDatabase, type TestDatabase } from '@meridian/test-fixtures';
import { Logger } from '@nestjs/common';
import { MailSendError, SmtpMailTransport } from '../smtp';
import { TemplateStore } from '../templates';
import { closedPort, startSmtpReceiver, type SmtpReceiver } from '../test-support/smtp-receiver';
import { EMAIL_ERASED_PROFILES } from './delivery.module';
import { emailDeliveryCollections } from './email-delivery.collections';
import { EmailDeliveryRepository } from './email-delivery.repository';
import { EmailSender } from './email-sender.service';
import type { EventPublisher } from './event-publisher';

class RecordingPublisher implements EventPublisher {
  readonly published: { subject: string; event: Envelope }[] = [];
  async publish(subject: string, event: Envelope): Promise<PublishReceipt> {
    this.published.push({ subject, event });
    return { stream: 'test', seq: this.published.length, duplicate: false };
  }
}

function requested(id: string, email: string) {
  return MessageRequestedV1.parse({
    id,
    type: 'message.requested',
    version: 1,
    workspaceId: 'ws',
    occurredAt: '2026-11-23T10:00:01.000Z',
    receivedAt: '2026-11-23T10:00:00.000Z',
    correlationId: 'evt-call-1',
    causationId: 'evt-resolved-1',
    payload: {
      messageId: `msg_${id}`,
      profileId: 'prof-1',
      partition: 1,
      channel: 'email',
      templateId: 'welcome',
      journeyId: 'welcome',
      recipient: { email, name: 'Ada Lovelace' },
      variables: { firstName: 'Ada', email },
    },
  });
}

describe('EmailSender over real SMTP and a real database', () => {
  const templates = TemplateStore.fromDirectory(resolve(__dirname, '../../templates'));
  const settings = {
    from: 'Meridian <no-reply@meridian.local>',
    messageIdDomain: 'meridian.local',
  };
  let database: TestDatabase;
  let deliveries: EmailDeliveryRepository;
  let receiver: SmtpReceiver;
  let transport: SmtpMailTransport;
  let publisher: RecordingPublisher;
  let sender: EmailSender;
  let erased: ErasedProfilesRepository;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    database = await createTestDatabase({
      label: 'emailsender',
      collections: emailDeliveryCollections,
    });
    deliveries = new EmailDeliveryRepository(database.db);
    erased = new ErasedProfilesRepository(database.db, EMAIL_ERASED_PROFILES);
    receiver = await startSmtpReceiver();
    transport = new SmtpMailTransport(receiver.url);
  });

  beforeEach(() => {
    publisher = new RecordingPublisher();
    sender = new EmailSender(deliveries, templates, transport, publisher, settings, erased);
  });

  afterAll(async () => {
    transport.close();
    await receiver.stop();
    await database?.dispose();
  });

  it('delivers the welcome email greeting the profile by first name, exactly once', async () => {
    await sender.handleRequested(requested('welcome1', 'ada@example.com'));
    await sender.handleRequested(requested('welcome1', 'ada@example.com'));

    expect(receiver.mails).toHaveLength(1);
    const [mail] = receiver.mails;
    expect(mail?.to).toMatchObject({
      value: [{ address: 'ada@example.com', name: 'Ada Lovelace' }],
    });
    expect(mail?.from?.value[0]?.address).toBe('no-reply@meridian.local');
    expect(mail?.subject).toBe('Welcome to Meridian, Ada!');
    expect(mail?.text).toContain('Hi Ada,');
    expect(mail?.html).toContain('Welcome to Meridian, Ada!');
    expect(mail?.messageId).toBe('<msg_welcome1@meridian.local>');

    const [sent, republished] = publisher.published;
    expect(sent?.subject).toBe('message.sent.email.1');
    expect(MessageSentV1.parse(sent?.event).payload).toMatchObject({
      provider: 'smtp',
      providerMessageId: '<msg_welcome1@meridian.local>',
      recipient: 'ada@example.com',
    });
    expect(republished).toEqual(sent);
  });

  it('fails for good a message whose recipient the server refuses with 550', async () => {
    await sender.handleRequested(requested('bounce1', 'nobody@bounce.test'));

    expect(publisher.published[0]?.subject).toBe('message.failed.email.1');
    expect(MessageFailedV1.parse(publisher.published[0]?.event).payload).toMatchObject({
      permanent: true,
      error: expect.stringContaining('550'),
    });
    expect(await deliveries.find('ws', 'msg_bounce1')).toMatchObject({ status: 'failed' });
  });

  it('throws a retryable error when the SMTP server is unreachable', async () => {
    const unreachable = new SmtpMailTransport(`smtp://127.0.0.1:${await closedPort()}`);
    const offline = new EmailSender(
      deliveries,
      templates,
      unreachable,
      publisher,
      settings,
      erased,
    );

    const attempt = offline.handleRequested(requested('offline1', 'ada@example.com'));
    await expect(attempt).rejects.toBeInstanceOf(MailSendError);
    await expect(attempt).rejects.toMatchObject({ permanent: false });
    expect(publisher.published).toEqual([]);
    expect(await deliveries.find('ws', 'msg_offline1')).toMatchObject({
      status: 'sending',
      attempts: 1,
    });
    await expect(unreachable.verify()).rejects.toBeInstanceOf(MailSendError);
    unreachable.close();
  });

  it('verifies a reachable SMTP server', async () => {
    await expect(transport.verify()).resolves.toBeUndefined();
  });
});
