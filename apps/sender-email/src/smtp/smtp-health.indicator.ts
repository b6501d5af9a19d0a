import { Injectable } from '@nestjs/common';
import { MailTransport } from './mail-transport';

/**
 * Readiness of the SMTP server: a connection and EHLO (nodemailer's verify). Without it the
 * sender would take requests only to retry them all.
 */
@Injectable()
export class SmtpHealthIndicator {
  readonly name = 'smtp';

  constructor(private readonly transport: MailTransport) {}

  async check(): Promise<void> {
    await this.transport.verify();
  }
}
