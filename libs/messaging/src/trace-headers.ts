import type { MsgHdrs } from '@nats-io/nats-core';
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
  type TextMapGetter,
  type TextMapSetter,
} from '@opentelemetry/api';

const TRACER_NAME = '@meridian/messaging';

const headerSetter: TextMapSetter<MsgHdrs> = {
  set: (carrier, key, value) => carrier.set(key, value),
};

const headerGetter: TextMapGetter<MsgHdrs | undefined> = {
  get: (carrier, key) => (carrier?.has(key) ? carrier.get(key) : undefined),
  keys: (carrier) => carrier?.keys() ?? [],
};

/**
 * Starts a PRODUCER span under the active context and writes its W3C trace context into the
 * headers. The context is set explicitly rather than through `startActiveSpan`, so the headers
 * carry the span even where no context manager is installed.
 */
export function startProducerSpan(subject: string, headers: MsgHdrs, attributes: Attributes): Span {
  const parent = context.active();
  const span = trace
    .getTracer(TRACER_NAME)
    .startSpan(
      `publish ${subject}`,
      { kind: SpanKind.PRODUCER, attributes: messagingAttributes(subject, 'publish', attributes) },
      parent,
    );
  propagation.inject(trace.setSpan(parent, span), headers, headerSetter);
  return span;
}

/**
 * Runs `work` inside a CONSUMER span whose parent is the trace context found in the message
 * headers, so everything the handler publishes continues the publisher's trace. The span is
 * ended when `work` settles; `work` decides the span status through the span it receives.
 */
export async function withConsumerSpan<T>(
  subject: string,
  headers: MsgHdrs | undefined,
  attributes: Attributes,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = propagation.extract(ROOT_CONTEXT, headers, headerGetter);
  const span = trace
    .getTracer(TRACER_NAME)
    .startSpan(
      `process ${subject}`,
      { kind: SpanKind.CONSUMER, attributes: messagingAttributes(subject, 'process', attributes) },
      parent,
    );
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } finally {
    span.end();
  }
}

export function markSpanFailed(span: Span, error: unknown, message: string): void {
  if (error instanceof Error) span.recordException(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message });
}

function messagingAttributes(
  subject: string,
  operation: 'publish' | 'process',
  extra: Attributes,
): Attributes {
  return {
    'messaging.system': 'nats',
    'messaging.destination.name': subject,
    'messaging.operation.type': operation,
    ...extra,
  };
}
