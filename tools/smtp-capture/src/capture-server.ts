import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server as NetServer } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { httpApi } from './http-api';
import { MessageStore, type CapturedMessage } from './message-store';

export interface SmtpCaptureOptions {
  /** SMTP port; 0 picks a free one (tests). Default 1025. */
  readonly smtpPort?: number;
  /** HTTP API port; 0 picks a free one. Default 8025. */
  readonly httpPort?: number;
  /** Interface both listen on. Default 127.0.0.1. */
  readonly host?: string;
  /** Append every message as one JSON line to this file. */
  readonly file?: string | undefined;
  /** How many messages memory keeps. Default 1000. */
  readonly maxMessages?: number;
}

export interface SmtpCapture {
  readonly smtpPort: number;
  readonly httpPort: number;
  readonly smtpUrl: string;
  readonly apiUrl: string;
  readonly store: MessageStore;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

export function toCapturedMessage(mail: ParsedMail, session: SMTPServerSession): CapturedMessage {
  const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
  return {
    id: randomUUID(),
    from: mail.from?.value[0]?.address ?? envelopeFrom,
    to: session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase()),
    subject: mail.subject ?? null,
    text: mail.text ?? null,
    html: typeof mail.html === 'string' ? mail.html : null,
    messageId: mail.messageId ?? null,
    receivedAt: new Date().toISOString(),
  };
}

async function capture(
  store: MessageStore,
  stream: SMTPServerDataStream,
  session: SMTPServerSession,
) {
  const mail = await simpleParser(stream);
  if (stream.sizeExceeded) throw new Error(`message exceeds ${MAX_MESSAGE_BYTES} bytes`);
  await store.add(toCapturedMessage(mail, session));
}

function listen(server: NetServer, port: number, host: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function closeServer(server: NetServer): Promise<void> {
  return new Promise((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
}

/**
 * Starts an SMTP server that accepts any mail without authentication or TLS and keeps it,
 * plus an HTTP API to read it. Used in-process by tests and by main.ts for the local stack.
 */
export async function startSmtpCapture(options: SmtpCaptureOptions = {}): Promise<SmtpCapture> {
  const host = options.host ?? '127.0.0.1';
  const store = new MessageStore(options.maxMessages ?? 1000, options.file);
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    // Senders close their connections after each mail; do not hold shutdown for 30 s.
    closeTimeout: 1_000,
    onData(stream, session, callback) {
      capture(store, stream, session).then(
        () => callback(),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
  // Errors on single connections (a client hanging up) must not crash the capture server.
  smtp.on('error', (error) => process.stderr.write(`smtp-capture: ${error.message}\n`));
  const closeSmtp = () => new Promise<void>((resolve) => smtp.close(resolve));
  const http = createServer(httpApi(store));
  const smtpPort = await listen(smtp.server, options.smtpPort ?? 1025, host);
  let httpPort: number;
  try {
    httpPort = await listen(http, options.httpPort ?? 8025, host);
  } catch (error) {
    await closeSmtp();
    throw error;
  }
  return {
    smtpPort,
    httpPort,
    smtpUrl: `smtp://${host}:${smtpPort}`,
    apiUrl: `http://${host}:${httpPort}`,
    store,
    async close() {
      http.closeAllConnections();
      await Promise.all([closeSmtp(), closeServer(http)]);
    },
  };
}
