import { consumers, Namespace, subjects } from '@meridian/contracts';
import { testInfra, uniqueNamespace } from '@meridian/testing';
import { Controller, Inject, Injectable } from '@nestjs/common';
import { connectJetStreamAdmin, type JetStreamAdmin } from '../admin';
import type { JetStreamContext } from '../context';
import { JetStreamHandler } from '../handler.decorator';
import { NatsHealthIndicator } from '../health';
import { deleteNamespace, provisionNamespace } from '../provisioning';
import { JetStreamPublisher } from '../publisher';
import { gate, startTestApp, testEvent, TestEventV1, waitFor } from './harness';

/** A service-side collaborator injected into the handler, as repositories are in the apps. */
@Injectable()
class Ledger {
  readonly entries: { id: string; partition: number | undefined; subject: string }[] = [];
  /** Handlers wait on this before returning; open unless a test closes it. */
  hold: Promise<void> = Promise.resolve();
  readonly started: string[] = [];
}

@Controller()
class LedgerHandler {
  constructor(@Inject(Ledger) private readonly ledger: Ledger) {}

  @JetStreamHandler(consumers.identityIngest, TestEventV1)
  async record(event: TestEventV1, context: JetStreamContext): Promise<void> {
    this.ledger.started.push(event.id);
    await this.ledger.hold;
    this.ledger.entries.push({
      id: event.id,
      partition: context.partition,
      subject: context.subject,
    });
  }
}

// waitFor polls for up to 20 s; Jest's own limit must not cut it short.
jest.setTimeout(30_000);

describe('JetStreamModule in a Nest application', () => {
  const namespace = uniqueNamespace('wiring');
  const names = new Namespace(namespace);
  const jetstream = {
    natsUrl: testInfra().natsUrl,
    namespace,
    partitions: 2,
    ownedPartitions: [1],
    serviceName: 'wiring-spec',
  };
  let admin: JetStreamAdmin;

  beforeAll(async () => {
    admin = await connectJetStreamAdmin(testInfra().natsUrl);
    await provisionNamespace({
      jsm: admin.jsm,
      namespace,
      partitions: 2,
      consumers: [consumers.identityIngest],
    });
  });

  afterAll(async () => {
    await deleteNamespace({ jsm: admin.jsm, namespace });
    await admin.close();
  });

  const ackFloor = async (partition: number) =>
    (await admin.jsm.consumers.info(names.stream('INGEST'), `identity-ingest-p${partition}`))
      .ack_floor.stream_seq;

  it('delivers an event of an owned partition to the injected handler and acks it', async () => {
    const app = await startTestApp({
      jetstream,
      controllers: [LedgerHandler],
      providers: [Ledger],
    });
    try {
      const event = testEvent(1);

      const { seq } = await app.get(JetStreamPublisher).publish(subjects.ingest(1), event);

      await waitFor('the ack', async () => ((await ackFloor(1)) >= seq ? true : undefined));
      expect(app.get(Ledger).entries).toEqual([
        { id: event.id, partition: 1, subject: names.subject(subjects.ingest(1)) },
      ]);
      await expect(app.get(NatsHealthIndicator).check()).resolves.toBeUndefined();
    } finally {
      await app.close();
    }
  });

  it('leaves partitions it does not own to their owner', async () => {
    const app = await startTestApp({
      jetstream,
      controllers: [LedgerHandler],
      providers: [Ledger],
    });
    try {
      const { seq } = await app.get(JetStreamPublisher).publish(subjects.ingest(0), testEvent(2));
      await app.get(JetStreamPublisher).publish(subjects.ingest(1), testEvent(3));

      await waitFor('the owned partition to be handled', () =>
        app.get(Ledger).entries.length > 0 ? true : undefined,
      );
      expect(app.get(Ledger).entries.map((entry) => entry.partition)).toEqual([1]);
      expect(await ackFloor(0)).toBeLessThan(seq);
    } finally {
      await app.close();
    }
  });

  it('finishes the handler in flight and acks it before the connection closes on shutdown', async () => {
    const app = await startTestApp({
      jetstream,
      controllers: [LedgerHandler],
      providers: [Ledger],
    });
    const ledger = app.get(Ledger);
    const release = gate();
    ledger.hold = release.opened;
    const event = testEvent(4);
    const { seq } = await app.get(JetStreamPublisher).publish(subjects.ingest(1), event);
    await waitFor('the handler to start', () =>
      ledger.started.includes(event.id) ? true : undefined,
    );

    let closed = false;
    const closing = app.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const closedWhileHandling = closed;
    release.open();
    await closing;

    expect(closedWhileHandling).toBe(false);
    expect(ledger.entries.map((entry) => entry.id)).toContain(event.id);
    expect(await ackFloor(1)).toBeGreaterThanOrEqual(seq);
    await expect(app.get(NatsHealthIndicator).check()).rejects.toThrow(/closed/);
  });
});
