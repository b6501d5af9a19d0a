import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@meridian/observability';

/** Response time of the ingest endpoints by call type and outcome (accepted or the refusal code). */
@Injectable()
export class IngestMetrics {
  private readonly observe: (callType: string, outcome: string, seconds: number) => void;

  constructor(registry: MetricsRegistry) {
    const duration = registry.histogram({
      name: 'meridian_ingest_request_duration_seconds',
      help: 'Time from request to answer of the Segment-compatible ingest endpoints',
      labelNames: ['call_type', 'outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    });
    this.observe = (callType, outcome, seconds) =>
      duration.observe({ call_type: callType, outcome }, seconds);
  }

  /** Starts timing one request; call the result once with its outcome. */
  startTimer(callType: string): (outcome: string) => void {
    const started = process.hrtime.bigint();
    return (outcome) =>
      this.observe(callType, outcome, Number(process.hrtime.bigint() - started) / 1e9);
  }
}
