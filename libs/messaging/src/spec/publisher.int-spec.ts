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
