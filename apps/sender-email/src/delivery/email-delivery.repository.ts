import { Injectable } from '@nestjs/common';
import { BaseRepository, InjectDatabase, type Database } from '@meridian/persistence';
import { emailDeliveriesCollection } from './email-delivery.collections';
import { EmailDelivery } from './email-delivery';

export interface AttemptDetails {
  readonly profileId: string;
  readonly recipient: string;
  readonly templateId: string;
  readonly at: string;
}

/** `email_deliveries`: what happened to each requested email, by message id. */
@Injectable()
export class EmailDeliveryRepository {
  private readonly deliveries: BaseRepository<EmailDelivery>;

  constructor(@InjectDatabase() db: Database) {
    this.deliveries = new BaseRepository<EmailDelivery>(db, emailDeliveriesCollection);
  }

  async find(workspaceId: string, messageId: string): Promise<EmailDelivery | null> {
    const document = await this.deliveries.findOne(workspaceId, { _id: messageId });
    return document ? EmailDelivery.parse(document) : null;
  }

  /** Records that an SMTP attempt starts now, creating the delivery on the first one. */
  async recordAttempt(
    workspaceId: string,
    messageId: string,
    details: AttemptDetails,
  ): Promise<EmailDelivery> {
    const document = await this.deliveries.findOneAndUpdate(
      workspaceId,
      { _id: messageId },
      {
        // All in $set: FerretDB 1.24 drops null values given in $setOnInsert. An attempt is
        // only recorded while nothing is settled, so resetting these fields loses nothing.
        $set: {
          status: 'sending',
          profileId: details.profileId,
          recipient: details.recipient,
          templateId: details.templateId,
          providerMessageId: null,
          error: null,
          settledAt: null,
          updatedAt: details.at,
        },
        $inc: { attempts: 1 },
      },
      { upsert: true },
    );
    if (!document) throw new Error(`email delivery ${messageId} was not upserted`);
    return EmailDelivery.parse(document);
  }

  async markSent(
    workspaceId: string,
    messageId: string,
    sent: { providerMessageId: string | null; at: string },
  ): Promise<void> {
    await this.settle(workspaceId, messageId, {
      status: 'sent',
      providerMessageId: sent.providerMessageId,
      error: null,
      settledAt: sent.at,
      updatedAt: sent.at,
    });
  }

  async markFailed(
    workspaceId: string,
    messageId: string,
    failed: { error: string; at: string },
  ): Promise<void> {
    await this.settle(workspaceId, messageId, {
      status: 'failed',
      error: failed.error,
      settledAt: failed.at,
      updatedAt: failed.at,
    });
  }

  /** Forgets one delivery (of a profile erased while it was being sent). */
  async delete(workspaceId: string, messageId: string): Promise<number> {
    return this.deliveries.deleteMany(workspaceId, { _id: messageId });
  }

  /** Forgets every delivery of an erased profile; resolves to how many there were. */
  async deleteAllOf(workspaceId: string, profileId: string): Promise<number> {
    return this.deliveries.deleteMany(workspaceId, { profileId });
  }

  private async settle(
    workspaceId: string,
    messageId: string,
    fields: Partial<EmailDelivery>,
  ): Promise<void> {
    const result = await this.deliveries.updateOne(
      workspaceId,
      { _id: messageId },
      { $set: fields },
    );
    if (result.matchedCount === 0) {
      throw new Error(`email delivery ${messageId} does not exist: record the attempt first`);
    }
  }
}
