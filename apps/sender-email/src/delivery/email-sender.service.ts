import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  subjects,
  type EnvelopeHeader,
  type MessageFailedV1,
  type MessageRef,
  type MessageRequestedV1,
  type MessageSentV1,
  type MessageSkippedV1,
} from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { ProfileErasureLedger } from '@meridian/profile-erasure';
import { MailSendError, MailTransport } from '../smtp';
import { TemplateStore, type RenderedEmail } from '../templates';
import { deterministicId } from './deterministic-id';
import { EmailDeliveryRepository } from './email-delivery.repository';
import type { EventPublisher } from './event-publisher';
import { messageIdHeader } from './message-id-header';

export const NO_EMAIL_ADDRESS = 'no_email_address';
/** The reason of a message skipped because its profile was erased meanwhile. */
export const PROFILE_ERASED = 'profile_erased';

/** Injection token of the sender's settings. */
export const SENDER_SETTINGS = Symbol('SENDER_SETTINGS');
export interface SenderSettings {
  /** The From header, "Meridian <no-reply@meridian.local>". */
  readonly from: string;
  /** The right-hand side of every Message-ID. */
  readonly messageIdDomain: string;
}

/** The part of the repository the sender uses; specs pass an in-memory one. */
export type DeliveryStore = Pick<
  EmailDeliveryRepository,
  'find' | 'recordAttempt' | 'markSent' | 'markFailed' | 'delete'
>;

/** Whether a profile was erased (ProfileErasureLedger); specs pass their own. */
export type ErasedProfiles = Pick<ProfileErasureLedger, 'isErased'>;

/**
 * Sends one requested email at most once per message id and reports the outcome. Every
 * branch either publishes its outcome and returns (the request is handled) or throws so the
 * transport retries it: SMTP trouble that may pass, a database or publish failure.
 */
@Injectable()
export class EmailSender {
  private readonly logger = new Logger(EmailSender.name);

  constructor(
    @Inject(EmailDeliveryRepository) private readonly deliveries: DeliveryStore,
    private readonly templates: TemplateStore,
    private readonly transport: MailTransport,
    @Inject(JetStreamPublisher) private readonly publisher: EventPublisher,
    @Inject(SENDER_SETTINGS) private readonly settings: SenderSettings,
    @Inject(ProfileErasureLedger) private readonly erased: ErasedProfiles,
  ) {}

  async handleRequested(request: MessageRequestedV1): Promise<void> {
    const { workspaceId } = request;
    const { messageId, templateId, recipient, variables } = request.payload;
    const earlier = await this.deliveries.find(workspaceId, messageId);
    if (earlier?.status === 'sent') {
      // Sent before, the outcome maybe not published: publish it again, never the email.
      return this.publishSent(
        request,
        earlier.recipient,
        earlier.providerMessageId,
        earlier.settledAt,
      );
    }
    if (earlier?.status === 'failed') {
      return this.publishFailed(request, earlier.error ?? 'failed earlier', earlier.settledAt);
    }
    const email = recipient.email;
    if (!email) return this.publishSkipped(request, NO_EMAIL_ADDRESS);
    const rendered = this.templates.render(templateId, variables);
    if (!rendered) return this.publishFailed(request, `unknown template "${templateId}"`, null);

    await this.send(request, email, rendered);
  }

  /** One SMTP attempt, recorded before and settled after. */
  private async send(
    request: MessageRequestedV1,
    email: string,
    rendered: RenderedEmail,
  ): Promise<void> {
    const { workspaceId } = request;
    const { messageId, templateId, recipient, profileId } = request.payload;
    await this.deliveries.recordAttempt(workspaceId, messageId, {
      profileId,
      recipient: email,
      templateId,
      at: now(),
    });
    // Checked after recording: an erasure that began before this write either deleted it
    // already or is seen here, so no delivery of an erased person outlives the erasure.
    if (await this.erased.isErased(workspaceId, profileId)) {
      await this.deliveries.delete(workspaceId, messageId);
      return this.publishSkipped(request, PROFILE_ERASED);
    }
    let providerMessageId: string | null;
    try {
      ({ providerMessageId } = await this.transport.send({
        from: this.settings.from,
        to: { address: email, name: recipient.name ?? null },
        ...rendered,
        messageIdHeader: messageIdHeader(messageId, this.settings.messageIdDomain),
      }));
    } catch (error) {
      // Anything that may pass (connection refused, 4xx) is thrown: the transport retries.
      if (!(error instanceof MailSendError && error.permanent)) throw error;
      const failedAt = now();
      await this.deliveries.markFailed(workspaceId, messageId, {
        error: error.message,
        at: failedAt,
      });
      return this.publishFailed(request, error.message, failedAt);
    }
    const sentAt = now();
    await this.deliveries.markSent(workspaceId, messageId, { providerMessageId, at: sentAt });
    await this.publishSent(request, email, providerMessageId, sentAt);
  }

  private async publishSent(
    request: MessageRequestedV1,
    recipient: string,
    providerMessageId: string | null,
    sentAt: string | null,
  ): Promise<void> {
    const event: MessageSentV1 = {
      ...header(request, 'message.sent', sentAt),
      type: 'message.sent',
      version: 1,
      payload: { ...refOf(request), provider: 'smtp', providerMessageId, recipient },
    };
    await this.publish('sent', request, event);
  }

  private async publishFailed(
    request: MessageRequestedV1,
    error: string,
    failedAt: string | null,
  ): Promise<void> {
    const event: MessageFailedV1 = {
      ...header(request, 'message.failed', failedAt),
      type: 'message.failed',
      version: 1,
      payload: { ...refOf(request), error, permanent: true },
    };
    this.logger.warn(`message ${request.payload.messageId} failed for good: ${error}`);
    await this.publish('failed', request, event);
  }

  private async publishSkipped(request: MessageRequestedV1, reason: string): Promise<void> {
    const event: MessageSkippedV1 = {
      ...header(request, 'message.skipped', null),
      type: 'message.skipped',
      version: 1,
      payload: { ...refOf(request), reason },
    };
    await this.publish('skipped', request, event);
  }

  private async publish(
    status: 'sent' | 'failed' | 'skipped',
    request: MessageRequestedV1,
    event: EnvelopeHeader,
  ): Promise<void> {
    const subject = subjects.message(status, request.payload.channel, request.payload.partition);
    await this.publisher.publish(subject, event);
  }
}

function refOf({ payload }: MessageRequestedV1): MessageRef {
  const { messageId, profileId, partition, channel, templateId, journeyId } = payload;
  return { messageId, profileId, partition, channel, templateId, journeyId };
}

/**
 * The envelope of an outcome: in the request's chain, with an id derived from the request
 * so a republished outcome is dropped by the stream's duplicate window.
 */
function header(
  request: MessageRequestedV1,
  type: string,
  occurredAt: string | null,
): Omit<EnvelopeHeader, 'type' | 'version'> {
  return {
    id: deterministicId('evt', request.id, type),
    workspaceId: request.workspaceId,
    occurredAt: occurredAt ?? now(),
    receivedAt: request.receivedAt,
    correlationId: request.correlationId,
    causationId: request.id,
  };
}

function now(): string {
  return new Date().toISOString();
}
