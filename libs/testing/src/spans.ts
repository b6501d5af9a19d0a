import { existsSync, readFileSync } from 'node:fs';
import { parseSpanLines, type SpanRecord } from '@meridian/observability';

/**
 * The spans the services appended to a span file so far; none when no service has
 * written one yet (so it can be polled with waitFor from the start of a test).
 */
export function readSpans(file: string): SpanRecord[] {
  return existsSync(file) ? parseSpanLines(readFileSync(file, 'utf8')) : [];
}

/** The spans of one trace, oldest first. */
export function spansOfTrace(spans: readonly SpanRecord[], traceId: string): SpanRecord[] {
  return spans.filter((span) => span.traceId === traceId).sort((a, b) => a.startTime - b.startTime);
}
