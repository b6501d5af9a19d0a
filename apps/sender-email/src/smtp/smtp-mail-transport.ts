import type { OnApplicationShutdown } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import { MailTransport, type OutgoingMail, type SentMail } from './mail-transport';
import { classifySmtpError } from './smtp-errors';

/**
 * Timeouts well inside the consumer's 30 s ack wait, so a hanging server fails the attempt
 * (and the message is retried) before JetStream redelivers it to another handler.
 */
const TIMEOUTS = { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 15_000 };

/** Email over SMTP with nodemailer: one connection per message, no pooling to go stale. */
export class SmtpMailTransport extends MailTransport implements OnApplicationShutdown {
  private readonly transporter;

  constructor(smtpUrl: string) {
    super();
    this.transporter = createTransport({ url: smtpUrl, ...TIMEOUTS });
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    try {
      const info = await this.transporter.sendMail({
        from: mail.from,
        to: mail.to.name ? { name: mail.to.name, address: mail.to.address } : mail.to.address,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageIdHeader,
      });
      return { providerMessageId: info.messageId || null };
    } catch (error) {
      throw classifySmtpError(error);
    }
  }

  async verify(): Promise<void> {
    try {
      await this.transporter.verify();
    } catch (error) {
      throw classifySmtpError(error);
    }
  }

  close(): void {
    this.transporter.close();
  }

  onApplicationShutdown(): void {
    this.close();
  }
}
