import { MailSendError } from './mail-transport';

/**
 * Failures about the sender's own connection or credentials: even when the server answers
 * 5xx, the message itself is fine and must wait for the configuration to be fixed.
 */
const SENDER_SIDE_CODES = new Set(['EAUTH', 'ENOAUTH', 'ETLS', 'EREQUIRETLS', 'ECONFIG']);

/**
 * Turns whatever nodemailer threw into a MailSendError: permanent for a 5xx answer about the
 * message (unknown mailbox, refused content), transient for everything else (connection
 * refused or lost, timeouts, 4xx "try again later").
 */
export function classifySmtpError(error: unknown): MailSendError {
  const responseCode = numberField(error, 'responseCode');
  const code = stringField(error, 'code');
  const permanent =
    responseCode !== null &&
    responseCode >= 500 &&
    responseCode < 600 &&
    !(code !== null && SENDER_SIDE_CODES.has(code));
  const message = error instanceof Error ? error.message : String(error);
  return new MailSendError(
    `SMTP ${code ?? 'error'}${responseCode === null ? '' : ` ${responseCode}`}: ${message}`,
    permanent,
    responseCode,
    { cause: error },
  );
}

function numberField(value: unknown, key: string): number | null {
  if (typeof value !== 'object' || value === null || !(key in value)) return null;
  const field: unknown = Reflect.get(value, key);
  return typeof field === 'number' ? field : null;
}

function stringField(value: unknown, key: string): string | null {
  if (typeof value !== 'object' || value === null || !(key in value)) return null;
  const field: unknown = Reflect.get(value, key);
  return typeof field === 'string' ? field : null;
}
