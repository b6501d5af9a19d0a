import { Namespace, subjects } from '@meridian/contracts';
import { testInfra, uniqueNamespace } from '@meridian/testing';
import { headers } from '@nats-io/nats-core';
import { connectJetStreamAdmin, type JetStreamAdmin } from '../admin';
import { NatsClient } from '../connection';
import { deleteNamespace, provisionNamespace } from '../provisioning';
import { readStoredMessages } from '../stored-messages';
import { testEvent } from './harness';

describe('readStoredMessages', () => {
  const client = new NatsClient({ natsUrl: testInfra().natsUrl, serviceName: 'stored-spec' });
  const name = uniqueNamespace('stored');
  const names = new Namespace(name);
  let admin: JetStreamAdmin;

  beforeAll(async () => {
    admin = await connectJetStreamAdmin(testInfra().natsUrl, 'stored-spec-admin');
    await provisionNamespace({ jsm: admin.jsm, namespace: name, partitions: 1 });
    await client.connect();
  });

  afterAll(async () => {
    await client.drain();
    await deleteNamespace({ jsm: admin.jsm, namespace: name });
    await admin.close();
  });

  it('reads nothing from an empty stream', async () => {
    expect(await readStoredMessages(admin.jsm, names.stream('EVENTS'))).toEqual([]);
  });

  it('reads every message a stream holds in order, skipping deleted ones, without a consumer', async () => {
    const stream = names.stream('INGEST');
    const subject = names.subject(subjects.ingest(0));
    const consumersBefore = await admin.jsm.consumers.list(stream).next();
    const [first, second] = [testEvent(1), testEvent(2)];
    const withId = headers();
    withId.set('Nats-Msg-Id', first.id);
    const one = await client.jetstream.publish(subject, JSON.stringify(first), {
      headers: withId,
    });
    const deleted = await client.jetstream.publish(subject, JSON.stringify(second));
    const plain = await client.jetstream.publish(subject, 'not json');
    await admin.jsm.streams.deleteMessage(stream, deleted.seq);

    const stored = await readStoredMessages(admin.jsm, stream);

    expect(stored).toEqual([
      { subject, sequence: one.seq, headers: { 'Nats-Msg-Id': first.id }, body: first },
      { subject, sequence: plain.seq, body: 'not json' },
    ]);
    const consumersAfter = await admin.jsm.consumers.list(stream).next();
    expect(consumersAfter.map((info) => info.name)).toEqual(
      consumersBefore.map((info) => info.name),
    );
  });
});
