import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/** One captured mail as the HTTP API returns it and the JSON-lines file records it. */
export interface CapturedMessage {
  readonly id: string;
  /** The From header's address, else the envelope sender. */
  readonly from: string | null;
  /** Envelope recipients (RCPT TO), lower-cased: what the mail was actually delivered to. */
  readonly to: readonly string[];
  readonly subject: string | null;
  readonly text: string | null;
  readonly html: string | null;
  /** The Message-ID header, which a sender can report back as its provider message id. */
  readonly messageId: string | null;
  readonly receivedAt: string;
}

export interface MessageFilter {
  readonly to?: string | undefined;
}

/**
 * Captured mail, oldest first. Memory keeps the newest `maxMessages`, so a long-running
 * stack does not grow without bound; the file (when given) keeps everything.
 */
export class MessageStore {
  private messages: CapturedMessage[] = [];

  constructor(
    private readonly maxMessages: number,
    private readonly file?: string,
  ) {
    if (!Number.isInteger(maxMessages) || maxMessages < 1) {
      throw new Error(`maxMessages must be a positive integer, got ${maxMessages}`);
    }
  }

  /** Records the message in the file first, so a file that cannot be written fails the SMTP transaction. */
  async add(message: CapturedMessage): Promise<void> {
    if (this.file) {
      await mkdir(dirname(this.file), { recursive: true });
      await appendFile(this.file, `${JSON.stringify(message)}\n`);
    }
    this.messages.push(message);
    if (this.messages.length > this.maxMessages) {
      this.messages = this.messages.slice(-this.maxMessages);
    }
  }

  list(filter: MessageFilter = {}): CapturedMessage[] {
    const to = filter.to?.trim().toLowerCase();
    return to ? this.messages.filter((message) => message.to.includes(to)) : [...this.messages];
  }

  get(id: string): CapturedMessage | undefined {
    return this.messages.find((message) => message.id === id);
  }

  /** Forgets the messages in memory; the file is an append-only record and stays. */
  clear(): number {
    const count = this.messages.length;
    this.messages = [];
    return count;
  }

  get size(): number {
    return this.messages.length;
  }
}
