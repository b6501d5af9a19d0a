import { consumers, subjects } from '@meridian/contracts';
import { testInfra, uniqueNamespace } from '@meridian/testing';
import { Controller, Inject, type INestApplication } from '@nestjs/common';
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { connectJetStreamAdmin, type JetStreamAdmin } from '../admin';
import { JetStreamHandler } from '../handler.decorator';
import { deleteNamespace, provisionNamespace } from '../provisioning';
import { JetStreamPublisher } from '../publisher';
import { startTestApp, testEvent, TestEventV1, waitFor } from './harness';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

/** Handles an ingested event by publishing a follow-up, as identity does with events.resolved. */
@Controller()
class RelayingHandler {
  constructor(@Inject(JetStreamPublisher) private readonly publisher: JetStreamPublisher) {}

  @JetStreamHandler(consumers.identityIngest, TestEventV1)
  async relay(event: TestEventV1): Promise<void> {
    await this.publisher.publish(
      subjects.eventsResolved(0),
      testEvent(event.payload.n + 1, `${event.id}:resolved`),
    );
  }
}

// waitFor polls for up to 20 s; Jest's own limit must not cut it short.
jest.setTimeout(30_000);

describe('trace propagation across JetStream', () => {
  const namespace = uniqueNamespace('tracing');
  let admin: JetStreamAdmin;
  let app: INestApplication;

  beforeAll(async () => {
    trace.setGlobalTracerProvider(provider);
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    const { natsUrl } = testInfra();
    admin = await connectJetStreamAdmin(natsUrl);
    await provisionNamespace({
      jsm: admin.jsm,
      namespace,
      partitions: 1,
      consumers: [consumers.identityIngest],
    });
    app = await startTestApp({
      jetstream: {
        natsUrl,
        namespace,
        partitions: 1,
        ownedPartitions: [0],
        serviceName: 'tracing-spec',
      },
      controllers: [RelayingHandler],
    });
  });

  afterAll(async () => {
    await app?.close();
    await deleteNamespace({ jsm: admin.jsm, namespace });
    await admin.close();
    await provider.shutdown();
    trace.disable();
    propagation.disable();
    context.disable();
  });

  const spanNamed = (name: string) =>
    exporter.getFinishedSpans().find((span) => span.name === name);

  it('runs the handler in a consumer span of the publisher trace, and continues that trace in what it publishes', async () => {
    const ingestSubject = `${namespace}.${subjects.ingest(0)}`;
    const resolvedSubject = `${namespace}.${subjects.eventsResolved(0)}`;

    await app.get(JetStreamPublisher).publish(subjects.ingest(0), testEvent(1));

    const relayed = await waitFor('the relayed publish span', () =>
      spanNamed(`publish ${resolvedSubject}`),
    );
    const published = spanNamed(`publish ${ingestSubject}`);
    const processed = await waitFor('the consumer span', () =>
      spanNamed(`process ${ingestSubject}`),
    );
    const traceOf = (span: ReadableSpan | undefined) => span?.spanContext().traceId;
    expect(published?.kind).toBe(SpanKind.PRODUCER);
    expect(processed.kind).toBe(SpanKind.CONSUMER);
    expect(traceOf(processed)).toBe(traceOf(published));
    expect(processed.parentSpanContext?.spanId).toBe(published?.spanContext().spanId);
    expect(traceOf(relayed)).toBe(traceOf(published));
    expect(relayed.parentSpanContext?.spanId).toBe(processed.spanContext().spanId);
  });
});
