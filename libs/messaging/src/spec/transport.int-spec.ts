import { consumers, Namespace, subjects } from '@meridian/contracts';
import { testInfra, uniqueNamespace } from '@meridian/testing';
import { Controller, Inject, type INestApplication } from '@nestjs/common';
import { connectJetStreamAdmin, type JetStreamAdmin } from '../admin';
import type { JetStreamContext } from '../context';
import { DeadLetterHeaders } from '../dead-letter';
import { PermanentError } from '../errors';
import { JetStreamHandler } from '../handler.decorator';
import { deleteNamespace, provisionNamespace } from '../provisioning';
import { JetStreamPublisher } from '../publisher';
import { readDeadLetters, startTestApp, testEvent, TestEventV1, waitFor } from './harness';

interface Call {
  readonly id: string;
  readonly n: number;
  readonly deliveryCount: number;
  readonly at: number;
  readonly context: JetStreamContext;
}

/** What the handler does for each test event, keyed by the event's n. */
class Script {
  readonly calls: Call[] = [];
  readonly behaviours = new Map<number, (call: Call) => void | Promise<void>>();
}

@Controller()
class ScriptedHandlers {
  constructor(@Inject(Script) private readonly script: Script) {}

  @JetStreamHandler(consumers.senderEmail, TestEventV1)
  async onEvent(event: TestEventV1, context: JetStreamContext): Promise<void> {
    const call = {
      id: event.id,
      n: event.payload.n,
      deliveryCount: context.deliveryCount,
      at: Date.now(),
      context,
    };
    this.script.calls.push(call);
    await this.script.behaviours.get(call.n)?.(call);
  }
}

// Redeliveries wait for real backoff delays, longer than Jest's default timeout.
jest.setTimeout(30_000);

const MAX_DELIVER = 3;
const BACKOFF = { initialMs: 1_500, maxMs: 3_000 };

describe('JetStream transport outcomes', () => {
  const namespace = uniqueNamespace('outcomes');
  const names = new Namespace(namespace);
  const subject = subjects.message('requested', 'email', 0);
  const script = new Script();
  let admin: JetStreamAdmin;
  let app: INestApplication;
  let publisher: JetStreamPublisher;

  beforeAll(async () => {
    const { natsUrl } = testInfra();
    admin = await connectJetStreamAdmin(natsUrl);
    const senderEmail = { ...consumers.senderEmail, maxDeliver: MAX_DELIVER };
    await provisionNamespace({
      jsm: admin.jsm,
      namespace,
      partitions: 1,
      consumers: [senderEmail],
    });
    app = await startTestApp({
      jetstream: {
        natsUrl,
        namespace,
        partitions: 1,
        ownedPartitions: [0],
        serviceName: 'outcomes-spec',
        retryBackoff: BACKOFF,
      },
      controllers: [ScriptedHandlers],
      providers: [{ provide: Script, useValue: script }],
    });
    publisher = app.get(JetStreamPublisher);
  });

  afterAll(async () => {
    await app?.close();
    await deleteNamespace({ jsm: admin.jsm, namespace });
    await admin.close();
  });

  const callsOf = (id: string) => script.calls.filter((call) => call.id === id);
  const consumerState = () => admin.jsm.consumers.info(names.stream('MESSAGES'), 'sender-email');
  const deadLetterOf = (seq: number) =>
    waitFor(`a dead letter of #${seq}`, async () =>
      (await readDeadLetters(admin.jsm, namespace)).find(
        (letter) => letter.header.get(DeadLetterHeaders.sequence) === String(seq),
      ),
    );
  const publishRaw = async (data: string) =>
    (await admin.jsm.jetstream().publish(names.subject(subject), data)).seq;

  it('acks a handled event, so the consumer moves past it', async () => {
    const event = testEvent(1);

    const { seq } = await publisher.publish(subject, event);

    await waitFor('the ack', async () =>
      (await consumerState()).ack_floor.stream_seq >= seq ? true : undefined,
    );
    expect(callsOf(event.id).map((call) => call.deliveryCount)).toEqual([1]);
  });

  it('redelivers a failed event no earlier than the backoff delay', async () => {
    script.behaviours.set(2, (call) => {
      if (call.deliveryCount === 1) throw new Error('transient');
    });
    const event = testEvent(2);

    await publisher.publish(subject, event);

    const [first, second] = await waitFor('the redelivery', () => {
      const [a, b] = callsOf(event.id);
      return a && b ? [a, b] : undefined;
    });
    expect(second.deliveryCount).toBe(2);
    expect(second.at - first.at).toBeGreaterThanOrEqual(BACKOFF.initialMs);
  });

  it('dead-letters an event whose last delivery fails, saying where it came from and why', async () => {
    script.behaviours.set(3, () => {
      throw new Error('database unreachable');
    });
    const event = testEvent(3);

    const { seq } = await publisher.publish(subject, event);

    const letter = await deadLetterOf(seq);
    expect(callsOf(event.id).map((call) => call.deliveryCount)).toEqual([1, 2, 3]);
    expect(letter.subject).toBe(names.subject(subjects.deadLetter('MESSAGES', 'sender-email')));
    expect(letter.json()).toEqual(event);
    expect(
      Object.fromEntries(
        Object.values(DeadLetterHeaders).map((key) => [key, letter.header.get(key)]),
      ),
    ).toEqual({
      [DeadLetterHeaders.subject]: names.subject(subject),
      [DeadLetterHeaders.stream]: names.stream('MESSAGES'),
      [DeadLetterHeaders.sequence]: String(seq),
      [DeadLetterHeaders.consumer]: 'sender-email',
      [DeadLetterHeaders.deliveryCount]: String(MAX_DELIVER),
      [DeadLetterHeaders.reason]: 'max deliveries',
      [DeadLetterHeaders.detail]: expect.stringContaining('database unreachable'),
      [DeadLetterHeaders.part]: '',
    });
  });

  it('terminates and dead-letters an event failing its schema without calling the handler', async () => {
    const event = { ...testEvent(4), payload: { n: 'four' } };

    const { seq } = await publisher.publish(subject, event);

    const letter = await deadLetterOf(seq);
    expect(letter.header.get(DeadLetterHeaders.reason)).toBe('schema validation failed');
    expect(letter.header.get(DeadLetterHeaders.detail)).toContain('payload.n');
    expect(letter.header.get(DeadLetterHeaders.deliveryCount)).toBe('1');
    expect(callsOf(event.id)).toEqual([]);
    await waitFor('the term', async () =>
      (await consumerState()).ack_floor.stream_seq >= seq ? true : undefined,
    );
  });

  it('dead-letters a message that is not JSON', async () => {
    const seq = await publishRaw('{"type": "test.happened", broken');

    const letter = await deadLetterOf(seq);

    expect(letter.header.get(DeadLetterHeaders.reason)).toBe('invalid json');
    expect(letter.string()).toBe('{"type": "test.happened", broken');
  });

  it('dead-letters an event type that has no handler on this consumer', async () => {
    const event = { ...testEvent(5), type: 'test.unheard-of' };

    const { seq } = await publisher.publish(subject, event);

    const letter = await deadLetterOf(seq);
    expect(letter.header.get(DeadLetterHeaders.reason)).toBe('no handler');
    expect(letter.header.get(DeadLetterHeaders.detail)).toContain('test.unheard-of v1');
  });

  it('dead-letters a PermanentError on its first delivery', async () => {
    script.behaviours.set(6, () => {
      throw new PermanentError('template does not exist');
    });
    const event = testEvent(6);

    const { seq } = await publisher.publish(subject, event);

    const letter = await deadLetterOf(seq);
    expect(letter.header.get(DeadLetterHeaders.reason)).toBe('permanent error');
    expect(letter.header.get(DeadLetterHeaders.detail)).toBe(
      'PermanentError: template does not exist',
    );
    expect(callsOf(event.id)).toHaveLength(1);
  });

  it('dead-letters one item of a batch on its own and acks the message', async () => {
    script.behaviours.set(7, async (call) => {
      await call.context.deadLetterPart({ index: 1, body: { item: 'b' }, detail: 'unstorable' });
    });
    const event = testEvent(7);

    const { seq } = await publisher.publish(subject, event);

    const letter = await deadLetterOf(seq);
    expect(letter.json()).toEqual({ item: 'b' });
    expect(letter.header.get(DeadLetterHeaders.part)).toBe('1');
    expect(letter.header.get(DeadLetterHeaders.reason)).toBe('permanent error');
    expect(letter.header.get(DeadLetterHeaders.detail)).toBe('unstorable');
    await waitFor('the ack', async () =>
      (await consumerState()).ack_floor.stream_seq >= seq ? true : undefined,
    );
    expect(callsOf(event.id)).toHaveLength(1);
  });
});
