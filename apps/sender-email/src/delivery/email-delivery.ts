import { z } from 'zod';

export const DeliveryStatus = z.enum(['sending', 'sent', 'failed']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/**
 * One email message this sender was asked for: the document of `email_deliveries`, keyed by
 * the message id so a redelivered request finds what already happened to it.
 */
export const EmailDelivery = z.object({
  _id: z.string().min(1),
  workspaceId: z.string().min(1),
  status: DeliveryStatus,
  /**
   * Whose message it is, so a data-subject deletion finds the person's deliveries; null in
   * deliveries recorded before it was kept.
   */
  profileId: z.string().min(1).nullable().default(null),
  recipient: z.string().min(1),
  templateId: z.string().min(1),
  /** The Message-ID the SMTP server accepted; null until sent. */
  providerMessageId: z.string().nullable(),
  /** SMTP attempts so far, counted before each one so a crash mid-send still counts. */
  attempts: z.number().int().min(0),
  error: z.string().nullable(),
  /** When the SMTP server accepted it (sent) or refused it for good (failed). */
  settledAt: z.iso.datetime({ offset: true }).nullable(),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type EmailDelivery = z.infer<typeof EmailDelivery>;
