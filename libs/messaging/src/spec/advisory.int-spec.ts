import { consumers, Namespace, subjects } from '@meridian/contracts';
import { testInfra, uniqueNamespace } from '@meridian/testing';
import { Controller, type INestApplication } from '@nestjs/common';
import { connectJetStreamAdmin, type JetStreamAdmin } from '../admin';
import { DeadLetterHeaders } from '../dead-letter';
import { JetStreamHandler } from '../handler.decorator';
import { ADVISORY_CONSUMER, advisoryStreamName } from '../names';
import { deleteNamespace, provisionNamespace } from '../provisioning';
import { JetStreamPublisher } from '../publisher';
import { readDeadLetters, startTestApp, testEvent, TestEventV1, waitFor } from './harness';

jest.setTimeout(30_000);

@Controller()
class IdleHandler {
  @JetStreamHandler(consumers.senderEmail, TestEventV1)
  handle(): void {
    throw new Error('never reached: the spec takes the deliveries itself');
  }
}

describe('MAX_DELIVERIES advisories', () => {
  const namespace = uniqueNamespace('advisory');
  const names = new Namespace(namespace);
  const subject = subjects.message('requested', 'email', 0);
  let admin: JetStreamAdmin;
  let app: INestApplication | undefined;

  beforeAll(async () => {
    admin = await connectJetStreamAdmin(testInfra().natsUrl);
    const senderEmail = { ...consumers.senderEmail, maxDeliver: 2, ackWaitMs: 1_000 };
    await provisionNamespace({
      jsm: admin.jsm,
      namespace,
      partitions: 1,
      consumers: [senderEmail],
    });
  });

  afterAll(async () => {
    await app?.close();
    await deleteNamespace({ jsm: admin.jsm, namespace });
    await admin.close();
  });

  it('dead-letters a message whose every delivery timed out, when a worker next pulls from the consumer', async () => {
    const publisher = new JetStreamPublisher(admin.publishing, {
      namespace: names,
      publishTimeoutMs: 2_000,
    });
    const event = testEvent(1);
    const { seq } = await publisher.publish(subject, event);
    // A worker that takes each delivery and dies before acking: every delivery times out.
    const doomed = await admin.jsm
      .jetstream()
      .consumers.get(names.stream('MESSAGES'), 'sender-email');
    for (let delivery = 1; delivery <= 2; delivery += 1) {
      const message = await doomed.next({ expires: 5_000 });
      expect(message?.info.deliveryCount).toBe(delivery);
    }

    // nats-server 2.12 announces the exhausted message when the consumer is next pulled: here
    // by the restarted service, whose advisory consumer then picks the announcement up.
    app = await startTestApp({
      jetstream: {
        natsUrl: testInfra().natsUrl,
        namespace,
        partitions: 1,
        ownedPartitions: [0],
        serviceName: 'advisory-spec',
      },
      controllers: [IdleHandler],
    });

    const [letter] = await waitFor('the dead letter', async () => {
      const letters = await readDeadLetters(admin.jsm, namespace);
      return letters.length > 0 ? letters : undefined;
    });
    expect(letter?.json()).toEqual(event);
    expect(letter?.header.get(DeadLetterHeaders.reason)).toBe('max deliveries');
    expect(letter?.header.get(DeadLetterHeaders.sequence)).toBe(String(seq));
    expect(letter?.header.get(DeadLetterHeaders.subject)).toBe(names.subject(subject));
    expect(letter?.header.get(DeadLetterHeaders.consumer)).toBe('sender-email');
    expect(letter?.header.get(DeadLetterHeaders.deliveryCount)).toBe('2');
    expect(letter?.header.get(DeadLetterHeaders.detail)).toContain('ack wait expired');
    const advisoryConsumer = () =>
      admin.jsm.consumers.info(advisoryStreamName(names), ADVISORY_CONSUMER);
    await waitFor('the advisory ack', async () =>
      (await advisoryConsumer()).num_ack_pending === 0 ? true : undefined,
    );
    expect((await advisoryConsumer()).num_pending).toBe(0);
  });
});
