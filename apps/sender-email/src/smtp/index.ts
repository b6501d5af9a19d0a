export { MailSendError, MailTransport, type OutgoingMail, type SentMail } from './mail-transport';
export { classifySmtpError } from './smtp-errors';
export { SmtpHealthIndicator } from './smtp-health.indicator';
export { SmtpMailTransport } from './smtp-mail-transport';
export { SmtpModule } from './smtp.module';
