import { headers, type Msg, type NatsConnection } from '@nats-io/nats-core';
import { AckTimeoutError, NoStreamError, PublishAcks } from './publish-acks';

/** A connection that records publishes and lets the spec answer them on the inbox. */
function fakeConnection() {
  let deliver: ((error: Error | null, message: Msg) => void) | undefined;
  const published: { subject: string; reply: string }[] = [];
  const connection = {
    subscribe: (_subject: string, options: { callback: typeof deliver }) => {
      deliver = options.callback;
      return { unsubscribe: () => undefined };
    },
    publish: (subject: string, _data: string, options: { reply: string }) => {
      published.push({ subject, reply: options.reply });
    },
  } as unknown as NatsConnection;
  const answer = (index: number, body: unknown, code?: number) => {
    const reply = published[index]?.reply ?? '';
    const message = {
      subject: reply,
      headers: code === undefined ? undefined : { code },
      json: () => body,
    } as unknown as Msg;
    deliver?.(null, message);
  };
  return { connection, published, answer };
}

const message = (subject: string) => ({ subject, data: '{}', headers: headers() });

describe('PublishAcks', () => {
  it('answers one outcome per message in publish order, whatever order the acks arrive in', async () => {
    const { connection, answer } = fakeConnection();
    const acks = new PublishAcks(() => connection, 1_000);

    const outcomes = acks.publishAll([message('a'), message('b')]);
    answer(1, { stream: 'S', seq: 8 });
    answer(0, { stream: 'S', seq: 7, duplicate: true });

    expect(await outcomes).toEqual([
      { ack: { stream: 'S', seq: 7, duplicate: true } },
      { ack: { stream: 'S', seq: 8 } },
    ]);
    acks.close();
  });

  it('reports no responders and JetStream API errors per message', async () => {
    const { connection, answer } = fakeConnection();
    const acks = new PublishAcks(() => connection, 1_000);

    const outcomes = acks.publishAll([message('a'), message('b')]);
    answer(0, null, 503);
    answer(1, { error: { code: 503, description: 'insufficient resources' } });

    const [first, second] = await outcomes;
    expect(first && 'error' in first && first.error).toBeInstanceOf(NoStreamError);
    expect(second && 'error' in second && second.error.message).toMatch(/insufficient resources/);
    acks.close();
  });

  it('ends the messages nobody answered as timed out once the timeout has passed', async () => {
    jest.useFakeTimers();
    try {
      const { connection, answer } = fakeConnection();
      const acks = new PublishAcks(() => connection, 100);

      const outcomes = acks.publishAll([message('a'), message('b')]);
      answer(0, { stream: 'S', seq: 1 });
      jest.advanceTimersByTime(200);

      const [first, second] = await outcomes;
      expect(first).toEqual({ ack: { stream: 'S', seq: 1 } });
      expect(second && 'error' in second && second.error).toBeInstanceOf(AckTimeoutError);
      // A late answer for a timed-out message is ignored.
      expect(() => answer(1, { stream: 'S', seq: 2 })).not.toThrow();
      acks.close();
    } finally {
      jest.useRealTimers();
    }
  });

  it('fails every message when the connection cannot take them', async () => {
    const connection = {
      subscribe: () => {
        throw new Error('closed connection');
      },
    } as unknown as NatsConnection;
    const acks = new PublishAcks(() => connection, 1_000);

    const outcomes = await acks.publishAll([message('a'), message('b')]);

    expect(outcomes.map((outcome) => 'error' in outcome && outcome.error.message)).toEqual([
      'closed connection',
      'closed connection',
    ]);
  });
});
