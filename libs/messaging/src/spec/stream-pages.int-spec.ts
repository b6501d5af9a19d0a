import { testInfra, uniqueNamespace } from '@meridian/testing';
import { connectJetStreamAdmin, type JetStreamAdmin } from '../admin';
import { NatsClient } from '../connection';
import { readNewestFirst, readStreamMessage } from '../stream-pages';

/** Everything the generator yields, as [sequence, subject] pairs. */
async function collect(source: AsyncIterable<{ sequence: number; subject: string }>) {
  const read: [number, string][] = [];
  for await (const message of source) read.push([message.sequence, message.subject]);
  return read;
}

describe('reading a stream newest first by subject filter', () => {
  const client = new NatsClient({ natsUrl: testInfra().natsUrl, serviceName: 'pages-spec' });
  const prefix = uniqueNamespace('pages');
  const stream = prefix.toUpperCase();
  let admin: JetStreamAdmin;
  /** [sequence, subject] of every message published, oldest first. */
  const published: [number, string][] = [];

  beforeAll(async () => {
    admin = await connectJetStreamAdmin(testInfra().natsUrl, 'pages-spec-admin');
    await admin.jsm.streams.add({ name: stream, subjects: [`${prefix}.>`] });
    await client.connect();
    // 400 messages, so reads cross several windows: workspace w1 on every 7th, legacy
    // two-token subjects on every 50th, the rest belong to w2.
    for (let n = 0; n < 400; n += 1) {
      const subject =
        n % 50 === 0
          ? `${prefix}.q.blocked`
          : `${prefix}.q.${n % 2 ? 'invalid' : 'blocked'}.${n % 7 === 0 ? 'w1' : 'w2'}`;
      const ack = await client.jetstream.publish(subject, JSON.stringify({ n }));
      published.push([ack.seq, subject]);
    }
  });

  afterAll(async () => {
    await client.drain();
    await admin.jsm.streams.delete(stream);
    await admin.close();
  });

  const matching = (test: (subject: string) => boolean) =>
    published.filter(([, subject]) => test(subject)).reverse();
  const ofW1 = (subject: string) => subject.endsWith('.w1');
  const legacy = (subject: string) => subject.split('.').length === 3;

  it('yields every message of a filter, newest first', async () => {
    const read = await collect(
      readNewestFirst(admin.jsm, stream, { filters: [`${prefix}.q.*.w1`] }),
    );

    expect(read).toEqual(matching(ofW1));
  });

  it('merges several filters into one sequence order and reads an overlapping message once', async () => {
    const read = await collect(
      readNewestFirst(admin.jsm, stream, {
        filters: [`${prefix}.q.*.w1`, `${prefix}.q.*`, `${prefix}.q.blocked`],
      }),
    );

    expect(read).toEqual(matching((subject) => ofW1(subject) || legacy(subject)));
  });

  it('starts below the given sequence, for the next page', async () => {
    const all = matching(ofW1);
    const cursor = all[10]?.[0] ?? 0;

    const read = await collect(
      readNewestFirst(admin.jsm, stream, { filters: [`${prefix}.q.*.w1`], beforeSequence: cursor }),
    );

    expect(read).toEqual(all.slice(11));
  });

  it('yields nothing for a filter nothing matches', async () => {
    expect(
      await collect(readNewestFirst(admin.jsm, stream, { filters: [`${prefix}.q.*.w3`] })),
    ).toEqual([]);
  });

  it('reads one message by sequence, and null where the stream holds none', async () => {
    const [sequence, subject] = published[5] ?? [0, ''];

    expect(await readStreamMessage(admin.jsm, stream, sequence)).toEqual({
      subject,
      sequence,
      body: { n: 5 },
    });
    expect(await readStreamMessage(admin.jsm, stream, 10_000)).toBeNull();
  });
});
