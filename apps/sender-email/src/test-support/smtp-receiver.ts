import { createServer, type AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** Recipients at this domain are refused with 550, as an unknown mailbox would be. */
export const BOUNCING_DOMAIN = 'bounce.test';

export interface SmtpReceiver {
  readonly port: number;
  readonly url: string;
  /** Every message accepted so far, parsed. */
  readonly mails: ParsedMail[];
  stop(): Promise<void>;
}

/** An SMTP server for specs that keeps what it receives (tools/smtp-capture does this for the stack). */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith(`@${BOUNCING_DOMAIN}`)) {
        callback(Object.assign(new Error('5.1.1 no such user'), { responseCode: 550 }));
      } else callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          mails.push(mail);
          callback();
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = portOf(server.server.address());
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mails,
    stop: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** A port nothing listens on: bound once, then released. */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const port = portOf(probe.address());
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

function portOf(address: AddressInfo | string | null): number {
  if (address === null || typeof address === 'string') throw new Error('not listening on TCP');
  return address.port;
}
