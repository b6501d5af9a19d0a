import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { toSpanRecord } from './span-records';

/**
 * Appends each finished span as one JSON line to a file that several services share; the
 * end-to-end tests and the demo read it to follow one trace across every service.
 *
 * Writes are synchronous and one appendFileSync per batch: O_APPEND keeps concurrent
 * writers' lines whole, and a span is on disk as soon as it ends, so even a service
 * killed with SIGKILL has left every finished span behind.
 */
export class JsonLinesSpanExporter implements SpanExporter {
  private stopped = false;

  constructor(private readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this.stopped) {
      resultCallback({
        code: ExportResultCode.FAILED,
        error: new Error('span file exporter is shut down'),
      });
      return;
    }
    try {
      const text = spans.map((span) => `${JSON.stringify(toSpanRecord(span))}\n`).join('');
      if (text.length > 0) appendFileSync(this.file, text);
      resultCallback({ code: ExportResultCode.SUCCESS });
    } catch (error) {
      // Reported, not thrown: the SDK hands export failures to its global error handler.
      resultCallback({
        code: ExportResultCode.FAILED,
        error: error instanceof Error ? error : new Error(String(error)),
      });
    }
  }

  async shutdown(): Promise<void> {
    this.stopped = true;
  }

  async forceFlush(): Promise<void> {
    // Nothing is buffered: every export has already reached the file.
  }
}
