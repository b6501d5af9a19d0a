import type { INestApplication } from '@nestjs/common';
import {
  acceptedCallsOf,
  CallAcceptedV1,
  CallAcceptedV2,
  EventsResolvedV1,
  subjects,
} from '@meridian/contracts';
import { DeadLetterHeaders, JetStreamPublisher } from '@meridian/messaging';
import { createTestNamespace, type TestNamespace } from '@meridian/test-fixtures';
import { listenInProcess, waitFor } from '@meridian/testing';
import { createIdentityApp } from '../bootstrap';
import { loadIdentityConfig } from '../config';
import { identifyEvent, trackEvent } from '../test-support/events';

const PARTITIONS = 2;
const WORKSPACE = 'ws-batch';
const WAIT_MS = 20_000;

/** The v2 message ingestion would publish for these calls (one partition, one source). */
function batchOf(events: readonly CallAcceptedV1[]): CallAcceptedV2 {
  const [first] = events;
  if (first === undefined) throw new Error('a batch needs a call');
  return CallAcceptedV2.parse({
    ...first,
    id: `calls_${first.id}`,
    version: 2,
    correlationId: `calls_${first.id}`,
    payload: {
      partition: first.payload.partition,
      sourceId: first.payload.sourceId,
      calls: events.map((event) => ({ id: event.id, call: event.payload.call })),
    },
  });
}

describe('identity consuming batched calls (call.accepted v2, real NATS and FerretDB)', () => {
  let namespace: TestNamespace;
  let app: INestApplication;
  let publisher: JetStreamPublisher;

  beforeAll(async () => {
    namespace = await createTestNamespace({ label: 'identity-batch', partitions: PARTITIONS });
    app = await createIdentityApp(loadIdentityConfig(namespace.env()), {
      logDestination: { write: () => undefined },
    });
    await listenInProcess(app);
    publisher = app.get(JetStreamPublisher);
  });

  afterAll(async () => {
    await app?.close();
    await namespace?.dispose();
  });

  const resolvedCauses = async () =>
    (await namespace.readStream('EVENTS')).map(
      (stored) => EventsResolvedV1.parse(stored.body).causationId,
    );

  it('resolves every call of a batch in order and dead-letters only the call that cannot be stored', async () => {
    const person = { userId: 'user-bo', workspaceId: WORKSPACE, partitions: PARTITIONS };
    const first = identifyEvent({ name: 'Bo' }, { ...person, id: 'call-1' });
    const unstorable = identifyEvent({ $plan: 'pro' }, { ...person, id: 'call-2' });
    const last = trackEvent('Order Completed', { ...person, id: 'call-3' });
    const batch = batchOf([first, unstorable, last]);

    const { seq } = await publisher.publish(subjects.ingest(batch.payload.partition), batch);

    const causes = await waitFor(
      async () => {
        const found = await resolvedCauses();
        return found.length >= 2 ? found : undefined;
      },
      { description: 'the two storable calls resolved', timeoutMs: WAIT_MS },
    );
    expect(causes).toEqual(['call-1', 'call-3']);
    const letter = await waitFor(async () => (await namespace.readStream('DLQ'))[0], {
      description: 'the dead letter of the unstorable call',
      timeoutMs: WAIT_MS,
    });
    expect(CallAcceptedV1.parse(letter.body)).toEqual(acceptedCallsOf(batch)[1]);
    expect(letter.headers?.[DeadLetterHeaders.part]).toBe('1');
    expect(letter.headers?.[DeadLetterHeaders.sequence]).toBe(String(seq));
    expect(await namespace.readStream('DLQ')).toHaveLength(1);
  });

  it('applies a redelivered batch once: calls already applied are not applied again', async () => {
    const person = { userId: 'user-cy', workspaceId: WORKSPACE, partitions: PARTITIONS };
    const events = [
      identifyEvent({ name: 'Cy' }, { ...person, id: 'cy-1' }),
      trackEvent('Viewed', { ...person, id: 'cy-2' }),
    ];
    const batch = batchOf(events);
    const subject = subjects.ingest(batch.payload.partition);

    await publisher.publish(subject, batch);
    // The same calls again under another message id: as if two instances raced on a retry.
    await publisher.publish(subject, { ...batch, id: `${batch.id}-again` });

    const revisionsOfCy = async () =>
      (await namespace.readStream('EVENTS'))
        .map((stored) => EventsResolvedV1.parse(stored.body))
        .filter((event) => event.payload.profile.identifiers.some((id) => id.value === 'user-cy'))
        .map((event) => event.payload.profile.revision);
    await waitFor(async () => ((await revisionsOfCy()).length >= 2 ? true : undefined), {
      description: 'the two calls of user-cy resolved',
      timeoutMs: WAIT_MS,
    });
    // Give the second message time to be handled: it must add nothing.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await revisionsOfCy()).toEqual([1, 2]);
  });
});
