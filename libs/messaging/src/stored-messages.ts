import type { JetStreamManager, StoredMsg } from '@nats-io/jetstream';

/** One message as a stream stores it. */
export interface StoredMessage {
  readonly subject: string;
  readonly sequence: number;
  /** Absent when the message has none; a header sent more than once has its values joined by ", ". */
  readonly headers?: Readonly<Record<string, string>>;
  /** The payload parsed as JSON, or its text when it is not JSON (a dead-lettered bad input). */
  readonly body: unknown;
}

/**
 * Every message a stream holds, oldest first, read by sequence with the manager: no consumer
 * is created, so reading changes nothing a service could observe. For tests and tools.
 */
export async function readStoredMessages(
  jsm: JetStreamManager,
  stream: string,
): Promise<StoredMessage[]> {
  const { state } = await jsm.streams.info(stream);
  const messages: StoredMessage[] = [];
  if (state.messages === 0) return messages;
  for (let seq = state.first_seq; seq <= state.last_seq; seq += 1) {
    const message = await jsm.streams.getMessage(stream, { seq });
    // A deleted message leaves a gap in the sequence: nothing to read there.
    if (message !== null) messages.push(toStoredMessage(message));
  }
  return messages;
}

/** A message as the manager returned it, headers flattened and body parsed. */
export function toStoredMessage(message: StoredMsg): StoredMessage {
  const keys = message.header.keys();
  const headers = Object.fromEntries(
    keys.map((key) => [key, message.header.values(key).join(', ')]),
  );
  return {
    subject: message.subject,
    sequence: message.seq,
    ...(keys.length > 0 ? { headers } : {}),
    body: parsedBody(message.string()),
  };
}

function parsedBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON: the stream holds whatever was published, and the text is what there is to see.
    return text;
  }
}
