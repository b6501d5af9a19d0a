import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@meridian/observability';

/** What ingestion counts: answer times, duplicates, quarantined calls and their violations, dedupe records lost. */
@Injectable()
export class IngestMetrics {
  private readonly observe: (callType: string, outcome: string, seconds: number) => void;
  private readonly duplicates: (count: number) => void;
  private readonly dedupeRecordFailures: () => void;
  private readonly quarantined: (count: number) => void;
  private readonly violations: (source: string, event: string, rule: string) => void;

  constructor(registry: MetricsRegistry) {
    const duration = registry.histogram({
      name: 'meridian_ingest_request_duration_seconds',
      help: 'Time from request to answer of the Segment-compatible ingest endpoints',
      labelNames: ['call_type', 'outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    });
    this.observe = (callType, outcome, seconds) =>
      duration.observe({ call_type: callType, outcome }, seconds);
    const duplicates = registry.counter({
      name: 'meridian_ingest_duplicates_total',
      help: 'Calls answered as accepted without being published again: their (workspace, messageId) was already accepted',
    });
    this.duplicates = (count) => duplicates.inc(count);
    const recordFailures = registry.counter({
      name: 'meridian_ingest_dedupe_record_failures_total',
      help: 'Requests whose calls were stored but could not be recorded for dedupe',
    });
    this.dedupeRecordFailures = () => recordFailures.inc();
    const quarantined = registry.counter({
      name: 'meridian_ingest_quarantined_total',
      help: 'Calls the tracking plan blocked: answered as accepted, not published to INGEST',
    });
    this.quarantined = (count) => quarantined.inc(count);
    const violations = registry.counter({
      name: 'meridian_ingest_violations_total',
      help: 'Broken rules of quarantined calls: tracking-plan rules of blocked calls, refusal codes of invalid ones',
      labelNames: ['source', 'event', 'rule'],
    });
    this.violations = (source, event, rule) => violations.inc({ source, event, rule });
  }

  /** Starts timing one request; call the result once with its outcome. */
  startTimer(callType: string): (outcome: string) => void {
    const started = process.hrtime.bigint();
    return (outcome) =>
      this.observe(callType, outcome, Number(process.hrtime.bigint() - started) / 1e9);
  }

  countDuplicates(count: number): void {
    if (count > 0) this.duplicates(count);
  }

  countQuarantined(count: number): void {
    if (count > 0) this.quarantined(count);
  }

  /** One broken rule of a quarantined call; `event` is its track event name or call type. */
  countViolation(source: string, event: string, rule: string): void {
    this.violations(source, event, rule);
  }

  countDedupeRecordFailure(): void {
    this.dedupeRecordFailures();
  }
}
