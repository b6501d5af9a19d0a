import { Namespace, subjects } from '@meridian/contracts';
import { testInfra, uniqueNamespace, waitFor } from '@meridian/testing';
import { connectJetStreamAdmin, type JetStreamAdmin } from '../admin';
import {
  subscribeBroadcast,
  type BroadcastListener,
  type BroadcastMessage,
  type BroadcastSubscription,
} from '../broadcast-subscription';
import { NatsClient } from '../connection';
import { deleteNamespace, provisionNamespace } from '../provisioning';
import { JetStreamPublisher } from '../publisher';
import { testEvent } from './harness';

/** A listener that records what it was told. */
function recorder() {
  const messages: BroadcastMessage[] = [];
  const events: string[] = [];
  const listener: BroadcastListener = {
    onMessage: (message) => messages.push(message),
    onInterrupted: () => events.push('interrupted'),
    onResumed: () => events.push('resumed'),
  };
  return { messages, events, listener };
}

describe('subscribeBroadcast (real NATS)', () => {
  const namespace = uniqueNamespace('broadcast');
  const names = new Namespace(namespace);
  const natsUrl = testInfra().natsUrl;
  const publishing = new NatsClient({ natsUrl, serviceName: 'broadcast-publisher' });
  const publisher = new JetStreamPublisher(publishing, {
    namespace: names,
    publishTimeoutMs: 2_000,
  });
  const instances = [1, 2].map(
    (n) => new NatsClient({ natsUrl, serviceName: `broadcast-instance-${n}` }),
  );
  const subscriptions: BroadcastSubscription[] = [];
  let admin: JetStreamAdmin;

  beforeAll(async () => {
    admin = await connectJetStreamAdmin(natsUrl);
    await provisionNamespace({ jsm: admin.jsm, namespace, partitions: 2, consumers: [] });
    await publishing.connect();
  });

  afterAll(async () => {
    for (const subscription of subscriptions) subscription.close();
    await Promise.all([publishing, ...instances].map((client) => client.drain()));
    await deleteNamespace({ jsm: admin.jsm, namespace });
    await admin.close();
  });

  it('gives every subscribed instance every stored event of the subjects, with relative subjects', async () => {
    const [first, second] = [recorder(), recorder()];
    for (const [index, { listener }] of [first, second].entries()) {
      const client = instances[index];
      if (client === undefined) throw new Error('no client');
      subscriptions.push(await subscribeBroadcast(client, names, ['profile.updated.*'], listener));
    }
    const updated = testEvent(1);
    const elsewhere = testEvent(2);

    await publisher.publish(subjects.profileUpdated(1), updated);
    await publisher.publish(subjects.eventsResolved(1), elsewhere);
    await publisher.publish(subjects.profileUpdated(0), testEvent(3));

    for (const { messages } of [first, second]) {
      await waitFor(async () => (messages.length >= 2 ? true : undefined), {
        description: 'both profile.updated events',
        timeoutMs: 5_000,
      });
      expect(messages[0]).toEqual({ subject: 'profile.updated.1', body: updated });
      expect(messages.map((message) => message.subject)).toEqual([
        'profile.updated.1',
        'profile.updated.0',
      ]);
    }
  });

  it('reports an interruption when the connection drops and resumes once it is back', async () => {
    const client = new NatsClient({ natsUrl, serviceName: 'broadcast-reconnecting' });
    const { messages, events, listener } = recorder();
    subscriptions.push(await subscribeBroadcast(client, names, ['profile.updated.*'], listener));

    await client.connection.reconnect();
    await waitFor(async () => (events.includes('resumed') ? true : undefined), {
      description: 'the subscription to resume',
      timeoutMs: 10_000,
    });
    const afterResume = testEvent(4);
    await publisher.publish(subjects.profileUpdated(1), afterResume);

    expect(events).toEqual(['interrupted', 'resumed']);
    await waitFor(async () => (messages.length > 0 ? true : undefined), {
      description: 'the event published after resuming',
      timeoutMs: 5_000,
    });
    expect(messages).toEqual([{ subject: 'profile.updated.1', body: afterResume }]);
    await client.drain();
  });

  it('stops delivering once closed', async () => {
    const client = instances[0];
    if (client === undefined) throw new Error('no client');
    const { messages, listener } = recorder();
    const subscription = await subscribeBroadcast(client, names, ['identity.merged.*'], listener);

    subscription.close();
    await publisher.publish(subjects.identityMerged(0), testEvent(5));
    await client.connection.flush();

    expect(messages).toEqual([]);
  });
});
