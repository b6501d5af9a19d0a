import { SpanKind, SpanStatusCode, type HrTime } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { z } from 'zod';

const SPAN_KINDS = ['INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'] as const;
const STATUS_CODES = ['UNSET', 'OK', 'ERROR'] as const;

/** One finished span as a line of the span file. Times are epoch milliseconds (fractional). */
export const SpanRecord = z.object({
  traceId: z.string().regex(/^[0-9a-f]{32}$/),
  spanId: z.string().regex(/^[0-9a-f]{16}$/),
  parentSpanId: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .nullable(),
  name: z.string(),
  kind: z.enum(SPAN_KINDS),
  service: z.string(),
  startTime: z.number(),
  endTime: z.number(),
  attributes: z.record(z.string(), z.unknown()),
  status: z.object({ code: z.enum(STATUS_CODES), message: z.string().optional() }),
});
export type SpanRecord = z.infer<typeof SpanRecord>;

export function toSpanRecord(span: ReadableSpan): SpanRecord {
  const context = span.spanContext();
  const service = span.resource.attributes['service.name'];
  return {
    traceId: context.traceId,
    spanId: context.spanId,
    parentSpanId: span.parentSpanContext?.spanId ?? null,
    name: span.name,
    kind: kindName(span.kind),
    service: typeof service === 'string' ? service : 'unknown',
    startTime: epochMillis(span.startTime),
    endTime: epochMillis(span.endTime),
    attributes: { ...span.attributes },
    status: {
      code: statusName(span.status.code),
      ...(span.status.message === undefined ? {} : { message: span.status.message }),
    },
  };
}

/**
 * Parses span-file text. Every complete line must be a valid record; a last line without
 * its newline is a write still in progress (another process appending) and is left for
 * the next read.
 */
export function parseSpanLines(text: string): SpanRecord[] {
  const lines = text.split('\n');
  lines.pop();
  return lines.flatMap((line, index) => {
    if (line.trim().length === 0) return [];
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new Error(`span file line ${index + 1} is not JSON: ${line.slice(0, 200)}`, {
        cause: error,
      });
    }
    const parsed = SpanRecord.safeParse(json);
    if (!parsed.success)
      throw new Error(`span file line ${index + 1} is not a span record: ${parsed.error.message}`);
    return [parsed.data];
  });
}

function epochMillis([seconds, nanos]: HrTime): number {
  return seconds * 1_000 + nanos / 1_000_000;
}

function kindName(kind: SpanKind): SpanRecord['kind'] {
  switch (kind) {
    case SpanKind.SERVER:
      return 'SERVER';
    case SpanKind.CLIENT:
      return 'CLIENT';
    case SpanKind.PRODUCER:
      return 'PRODUCER';
    case SpanKind.CONSUMER:
      return 'CONSUMER';
    default:
      return 'INTERNAL';
  }
}

function statusName(code: SpanStatusCode): SpanRecord['status']['code'] {
  if (code === SpanStatusCode.OK) return 'OK';
  if (code === SpanStatusCode.ERROR) return 'ERROR';
  return 'UNSET';
}
