import type { JetStreamAdmin } from '@meridian/messaging';

/** One stored message of a stream, its body parsed as JSON. */
export interface StoredEvent {
  readonly subject: string;
  readonly body: unknown;
}

/** Every message a stream holds, read with the admin connection (no consumer involved). */
export async function readStream(admin: JetStreamAdmin, stream: string): Promise<StoredEvent[]> {
  const info = await admin.jsm.streams.info(stream);
  const events: StoredEvent[] = [];
  for (
    let seq = info.state.first_seq;
    seq <= info.state.last_seq && info.state.messages > 0;
    seq += 1
  ) {
    const message = await admin.jsm.streams.getMessage(stream, { seq });
    if (message !== null) {
      events.push({
        subject: message.subject,
        body: JSON.parse(new TextDecoder().decode(message.data)),
      });
    }
  }
  return events;
}
