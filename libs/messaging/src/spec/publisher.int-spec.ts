import { Namespace, subjects } from '@meridian/contracts';
import { testInfra, uniqueNamespace } from '@meridian/testing';
import { connectJetStreamAdmin, type JetStreamAdmin } from '../admin';
import { NatsClient } from '../connection';
import { PublishError } from '../errors';
import { deleteNamespace, provisionNamespace } from '../provisioning';
import { JetStreamPublisher } from '../publisher';
import { testEvent } from './harness';

describe('JetStreamPublisher', () => {
  const namespace = uniqueNamespace('publisher');
  const names = new Namespace(namespace);
  const client = new NatsClient({ natsUrl: testInfra().natsUrl, serviceName: 'publisher-spec' });
  const publisher = new JetStreamPublisher(client, { namespace: names, publishTimeoutMs: 2_000 });
  let admin: JetStreamAdmin;

  beforeAll(async () => {
    admin = await connectJetStreamAdmin(testInfra().natsUrl);
    await provisionNamespace({ jsm: admin.jsm, namespace, partitions: 2, consumers: [] });
    await client.connect();
  });

  afterAll(async () => {
    await client.drain();
    await deleteNamespace({ jsm: admin.jsm, namespace });
    await admin.close();
  });

  it('stores an event once when it is published twice with the same id', async () => {
    const event = testEvent(1);

    const first = await publisher.publish(subjects.ingest(1), event);
    const second = await publisher.publish(subjects.ingest(1), event);

    expect(first.duplicate).toBe(false);
    expect(second).toEqual({ ...first, duplicate: true });
    const stored = await admin.jsm.streams.getMessage(names.stream('INGEST'), { seq: first.seq });
    expect(stored?.header.get('Nats-Msg-Id')).toBe(event.id);
    expect(stored?.json()).toEqual(event);
    expect((await admin.jsm.streams.info(names.stream('INGEST'))).state.messages).toBe(1);
  });

  it('waits for every acknowledgement of a batch', async () => {
    const events = [testEvent(2), testEvent(3), testEvent(4)];

    const receipts = await publisher.publishMany(
      events.map((event) => ({ subject: subjects.eventsResolved(0), event })),
    );

    expect(receipts.map((receipt) => receipt.stream)).toEqual(
      Array(3).fill(names.stream('EVENTS')),
    );
    expect(new Set(receipts.map((receipt) => receipt.seq)).size).toBe(3);
  });

  it('stores a batch for several partitions and answers one receipt per message, in order', async () => {
    const events = [testEvent(10), testEvent(11), testEvent(12), testEvent(13)];

    const receipts = await publisher.publishBatch(
      events.map((event, index) => ({ subject: subjects.ingest(index % 2), event })),
    );

    expect(receipts.map((receipt) => receipt.duplicate)).toEqual([false, false, false, false]);
    for (const [index, receipt] of receipts.entries()) {
      const stored = await admin.jsm.streams.getMessage(receipt.stream, { seq: receipt.seq });
      expect(stored?.json()).toEqual(events[index]);
      expect(stored?.header.get('Nats-Msg-Id')).toBe(events[index]?.id);
      expect(stored?.subject).toBe(names.subject(subjects.ingest(index % 2)));
    }
  });

  it('reports an already stored id in a batch as a duplicate and stores the others once', async () => {
    const stored = testEvent(20);
    await publisher.publish(subjects.ingest(0), stored);
    const before = (await admin.jsm.streams.info(names.stream('INGEST'))).state.messages;

    const receipts = await publisher.publishBatch(
      [testEvent(21), stored, testEvent(22)].map((event) => ({
        subject: subjects.ingest(0),
        event,
      })),
    );

    expect(receipts.map((receipt) => receipt.duplicate)).toEqual([false, true, false]);
    const after = (await admin.jsm.streams.info(names.stream('INGEST'))).state.messages;
    expect(after - before).toBe(2);
  });

  it('fails a batch clearly when no stream stores one of its subjects', async () => {
    const unprovisioned = new JetStreamPublisher(client, {
      namespace: new Namespace(uniqueNamespace('nowhere')),
      publishTimeoutMs: 2_000,
    });

    const attempt = unprovisioned.publishBatch([
      { subject: subjects.ingest(0), event: testEvent(30) },
      { subject: subjects.ingest(1), event: testEvent(31) },
    ]);

    await expect(attempt).rejects.toThrow(/2 of 2 publishes failed.*no JetStream stream stores/);
  });

  it('keeps publishing batches after a batch on a closed connection failed', async () => {
    const other = new NatsClient({ natsUrl: testInfra().natsUrl, serviceName: 'closed-spec' });
    await other.connect();
    const onOther = new JetStreamPublisher(other, { namespace: names, publishTimeoutMs: 2_000 });
    await other.drain();

    await expect(
      onOther.publishBatch([{ subject: subjects.ingest(0), event: testEvent(40) }]),
    ).rejects.toThrow(/publishes failed/);
    const receipts = await publisher.publishBatch([
      { subject: subjects.ingest(0), event: testEvent(41) },
    ]);
    expect(receipts).toHaveLength(1);
  });

  it('fails clearly when no stream stores the subject', async () => {
    const unprovisioned = new JetStreamPublisher(client, {
      namespace: new Namespace(uniqueNamespace('nowhere')),
      publishTimeoutMs: 2_000,
    });

    const attempt = unprovisioned.publish(subjects.ingest(0), testEvent(5));

    await expect(attempt).rejects.toThrow(PublishError);
    await expect(attempt).rejects.toThrow(/no JetStream stream stores nowhere_\w+\.ingest\.0/);
  });

  it('refuses an event that is not an envelope, before sending anything', async () => {
    const notAnEnvelope = { ...testEvent(6), occurredAt: 'yesterday' };

    await expect(publisher.publish(subjects.ingest(0), notAnEnvelope)).rejects.toThrow(
      /invalid envelope.*occurredAt/,
    );
  });
});
