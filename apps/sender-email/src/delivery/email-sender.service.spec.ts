import {
  MessageFailedV1,
  MessageRequestedV1,
  MessageSentV1,
  MessageSkippedV1,
} from '@meridian/contracts';
import type { Envelope, PublishReceipt } from '@meridian/messaging';
import { Logger } from '@nestjs/common';
import { MailSendError, MailTransport, type OutgoingMail, type SentMail } from '../smtp';
import { TemplateStore } from '../templates';
import type { AttemptDetails } from './email-delivery.repository';
import type { EmailDelivery } from './email-delivery';
import {
  EmailSender,
  NO_EMAIL_ADDRESS,
  PROFILE_ERASED,
  type DeliveryStore,
  type ErasedProfiles,
} from './email-sender.service';
import type { EventPublisher } from './event-publisher';

class InMemoryDeliveries implements DeliveryStore {
  readonly byId = new Map<string, EmailDelivery>();

  async find(_workspaceId: string, messageId: string): Promise<EmailDelivery | null> {
    return this.byId.get(messageId) ?? null;
  }

  async recordAttempt(workspaceId: string, messageId: string, details: AttemptDetails) {
    const earlier = this.byId.get(messageId);
    const delivery: EmailDelivery = {
      _id: messageId,
      workspaceId,
      status: 'sending',
      profileId: details.profileId,
      recipient: details.recipient,
      templateId: details.templateId,
      providerMessageId: null,
      attempts: (earlier?.attempts ?? 0) + 1,
      error: null,
      settledAt: null,
      updatedAt: details.at,
    };
    this.byId.set(messageId, delivery);
    return delivery;
  }

  async markSent(
    _ws: string,
    messageId: string,
    sent: { providerMessageId: string | null; at: string },
  ) {
    this.settle(messageId, {
      status: 'sent',
      providerMessageId: sent.providerMessageId,
      settledAt: sent.at,
    });
  }

  async markFailed(_ws: string, messageId: string, failed: { error: string; at: string }) {
    this.settle(messageId, { status: 'failed', error: failed.error, settledAt: failed.at });
  }

  async delete(_ws: string, messageId: string): Promise<number> {
    return this.byId.delete(messageId) ? 1 : 0;
  }

  private settle(messageId: string, fields: Partial<EmailDelivery>): void {
    const delivery = this.byId.get(messageId);
    if (!delivery) throw new Error('attempt not recorded');
    this.byId.set(messageId, { ...delivery, ...fields });
  }
}

/** Accepts mail, or fails with the errors queued in `failures`, one per attempt. */
class FakeTransport extends MailTransport {
  readonly sent: OutgoingMail[] = [];
  readonly failures: Error[] = [];

  async send(mail: OutgoingMail): Promise<SentMail> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push(mail);
    return { providerMessageId: mail.messageIdHeader };
  }

  async verify(): Promise<void> {
    // The fake is always reachable.
  }
}

class RecordingPublisher implements EventPublisher {
  readonly published: { subject: string; event: Envelope }[] = [];
  async publish(subject: string, event: Envelope): Promise<PublishReceipt> {
    this.published.push({ subject, event });
    return { stream: 'test', seq: this.published.length, duplicate: false };
  }
}

const templates = new TemplateStore({
  welcome: {
    subject: 'Welcome to Meridian, {{firstName|there}}!',
    text: 'Hi {{firstName|there}}',
    html: '<p>Hi {{firstName|there}}</p>',
  },
});

function requested(overrides: { email?: string | null; templateId?: string } = {}) {
  return MessageRequestedV1.parse({
    id: 'evt-req-1',
    type: 'message.requested',
    version: 1,
    workspaceId: 'ws',
    occurredAt: '2026-11-23T10:00:01.000Z',
    receivedAt: '2026-11-23T10:00:00.000Z',
    correlationId: 'evt-call-1',
    causationId: 'evt-resolved-1',
    payload: {
      messageId: 'msg_0123abcd',
      profileId: 'prof-1',
      partition: 3,
      channel: 'email',
      templateId: overrides.templateId ?? 'welcome',
      journeyId: 'welcome',
      recipient: {
        email: overrides.email === undefined ? 'ada@example.com' : overrides.email,
        name: 'Ada Lovelace',
      },
      variables: { firstName: 'Ada' },
    },
  });
}

describe('EmailSender', () => {
  let deliveries: InMemoryDeliveries;
  let transport: FakeTransport;
  let publisher: RecordingPublisher;
  let sender: EmailSender;
  let erasedProfiles: Set<string>;

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    deliveries = new InMemoryDeliveries();
    transport = new FakeTransport();
    publisher = new RecordingPublisher();
    erasedProfiles = new Set();
    const erased: ErasedProfiles = {
      isErased: async (_workspaceId, profileId) => erasedProfiles.has(profileId),
    };
    sender = new EmailSender(
      deliveries,
      templates,
      transport,
      publisher,
      { from: 'Meridian <no-reply@meridian.local>', messageIdDomain: 'meridian.local' },
      erased,
    );
  });

  it('sends the rendered email under a Message-ID derived from the message id', async () => {
    await sender.handleRequested(requested());

    expect(transport.sent).toEqual([
      {
        from: 'Meridian <no-reply@meridian.local>',
        to: { address: 'ada@example.com', name: 'Ada Lovelace' },
        subject: 'Welcome to Meridian, Ada!',
        text: 'Hi Ada',
        html: '<p>Hi Ada</p>',
        messageIdHeader: '<msg_0123abcd@meridian.local>',
      },
    ]);
    expect(publisher.published.map((p) => p.subject)).toEqual(['message.sent.email.3']);
    const sent = MessageSentV1.parse(publisher.published[0]?.event);
    expect(sent.payload).toMatchObject({
      messageId: 'msg_0123abcd',
      provider: 'smtp',
      providerMessageId: '<msg_0123abcd@meridian.local>',
      recipient: 'ada@example.com',
    });
    expect(sent).toMatchObject({ correlationId: 'evt-call-1', causationId: 'evt-req-1' });
    expect(deliveries.byId.get('msg_0123abcd')).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('does not send again on a redelivery but republishes the same sent event', async () => {
    await sender.handleRequested(requested());
    await sender.handleRequested(requested());

    expect(transport.sent).toHaveLength(1);
    const [first, again] = publisher.published;
    expect(again).toEqual(first);
  });

  it('skips a request without an email address', async () => {
    await sender.handleRequested(requested({ email: null }));

    expect(transport.sent).toEqual([]);
    expect(publisher.published[0]?.subject).toBe('message.skipped.email.3');
    expect(MessageSkippedV1.parse(publisher.published[0]?.event).payload.reason).toBe(
      NO_EMAIL_ADDRESS,
    );
  });

  it('skips, without sending or keeping a delivery, a request whose profile was erased meanwhile', async () => {
    erasedProfiles.add('prof-1');

    await sender.handleRequested(requested());

    expect(transport.sent).toEqual([]);
    expect(deliveries.byId.size).toBe(0);
    expect(MessageSkippedV1.parse(publisher.published[0]?.event).payload.reason).toBe(
      PROFILE_ERASED,
    );
  });

  it('records whose delivery it is, so an erasure of the profile finds it', async () => {
    await sender.handleRequested(requested());

    expect(deliveries.byId.get('msg_0123abcd')?.profileId).toBe('prof-1');
  });

  it('fails an unknown template for good without throwing', async () => {
    await expect(
      sender.handleRequested(requested({ templateId: 'nope' })),
    ).resolves.toBeUndefined();

    expect(transport.sent).toEqual([]);
    expect(publisher.published[0]?.subject).toBe('message.failed.email.3');
    expect(MessageFailedV1.parse(publisher.published[0]?.event).payload).toMatchObject({
      permanent: true,
      error: 'unknown template "nope"',
    });
  });

  it('fails a message the server refuses with 5xx, and does not retry it on redelivery', async () => {
    transport.failures.push(new MailSendError('SMTP EENVELOPE 550: no such user', true, 550));

    await sender.handleRequested(requested());
    await sender.handleRequested(requested());

    expect(transport.sent).toEqual([]);
    expect(deliveries.byId.get('msg_0123abcd')).toMatchObject({ status: 'failed', attempts: 1 });
    const [failed, republished] = publisher.published;
    expect(failed?.subject).toBe('message.failed.email.3');
    expect(MessageFailedV1.parse(failed?.event).payload).toMatchObject({
      permanent: true,
      error: 'SMTP EENVELOPE 550: no such user',
    });
    expect(republished?.event.id).toBe(failed?.event.id);
  });

  it('throws on a transient failure so the message is retried, then sends once', async () => {
    transport.failures.push(new MailSendError('SMTP ESOCKET: ECONNREFUSED', false, null));

    await expect(sender.handleRequested(requested())).rejects.toThrow('ECONNREFUSED');
    expect(publisher.published).toEqual([]);
    expect(deliveries.byId.get('msg_0123abcd')).toMatchObject({ status: 'sending', attempts: 1 });

    await sender.handleRequested(requested());
    expect(transport.sent).toHaveLength(1);
    expect(deliveries.byId.get('msg_0123abcd')).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
