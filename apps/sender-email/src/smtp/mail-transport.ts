/** One email ready to hand to an SMTP server. */
export interface OutgoingMail {
  readonly from: string;
  readonly to: { readonly address: string; readonly name: string | null };
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** The Message-ID header, "<local@domain>", derived from the message id. */
  readonly messageIdHeader: string;
}

export interface SentMail {
  /** The Message-ID the server accepted the message under. */
  readonly providerMessageId: string | null;
}

/**
 * The server refused or could not take a message. `permanent` means trying again cannot help
 * (the server answered 5xx about this message); otherwise the message is retried later.
 */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode: number | null,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'MailSendError';
  }
}

/** Sends email; the app binds it to SMTP, specs to a fake. */
export abstract class MailTransport {
  /** Resolves when the server accepted the message; rejects with a MailSendError. */
  abstract send(mail: OutgoingMail): Promise<SentMail>;
  /** Resolves when the server is reachable and accepts this sender's connection. */
  abstract verify(): Promise<void>;
}
