import { DEFAULT_OPTIONS } from '../options';
import { ingestResult, INGEST_TARGETS, type IngestionPhaseOutput, type Phase } from './index';
import type { RawPublisherOutput } from './protocol';

function load(overrides: Partial<IngestionPhaseOutput> = {}): Phase<IngestionPhaseOutput> {
  return {
    output: loadOutput(overrides),
    stored: { messages: 500_000, events: 500_000, bytes: 700_000_000 },
  };
}

function loadOutput(overrides: Partial<IngestionPhaseOutput>): IngestionPhaseOutput {
  return {
    requests: 3_200,
    events: 320_000,
    attempts: 4_000,
    failures: 0,
    statuses: { '200': 4_000 },
    firstFailure: null,
    measuredMs: 20_000,
    eventsPerSecond: 16_000,
    requestsPerSecond: 160,
    latencyMs: { count: 3_200, p50: 40, p99: 90, max: 120, mean: 45 },
    cpuMicrosPerEvent: 42,
    ...overrides,
  };
}

const rawOutput: RawPublisherOutput = {
  acked: 400_000,
  measuredMs: 20_000,
  ackedPerSecond: 20_000,
  cpuMicrosPerMessage: 30,
};
const raw: Phase<RawPublisherOutput> = {
  output: rawOutput,
  stored: { messages: 500_000, events: 500_000, bytes: 550_000_000 },
};

const valueOf = (result: ReturnType<typeof ingestResult>, group: string, label: string) =>
  result.measurements.find((m) => m.group === group && m.label === label)?.value;

describe('ingestResult', () => {
  it('reports the ratio of ingestion to raw publish events per second', () => {
    const result = ingestResult(DEFAULT_OPTIONS, load(), raw);

    expect(valueOf(result, 'ratio', 'ingestion ÷ raw')).toBe(0.8);
    expect(valueOf(result, 'ingestion', 'p99 latency')).toBe(90);
    expect(valueOf(result, 'raw nats', 'events/s')).toBe(20_000);
  });

  it('reports the average stored size of an event on each side', () => {
    const result = ingestResult(DEFAULT_OPTIONS, load(), raw);

    expect(valueOf(result, 'ingestion', 'stored bytes/event')).toBe(1_400);
    expect(valueOf(result, 'raw nats', 'stored bytes/event')).toBe(1_100);
  });

  it('reports the CPU time per event of each side, and none where it could not be read', () => {
    const result = ingestResult(DEFAULT_OPTIONS, load(), raw);
    const unread = ingestResult(DEFAULT_OPTIONS, load({ cpuMicrosPerEvent: null }), raw);

    expect(valueOf(result, 'ingestion', 'CPU per event')).toBe(42);
    expect(valueOf(result, 'raw nats', 'CPU per event')).toBe(30);
    expect(valueOf(unread, 'ingestion', 'CPU per event')).toBeNaN();
  });

  it('checks the issue targets: 15,000 events/s and 0.7 of raw publish', () => {
    expect(INGEST_TARGETS).toEqual({ eventsPerSecond: 15_000, ratioToRaw: 0.7 });
    const met = ingestResult(DEFAULT_OPTIONS, load(), raw).targets;
    expect(met.map((target) => target.met)).toEqual([true, true, true]);

    const slow = ingestResult(DEFAULT_OPTIONS, load({ eventsPerSecond: 13_000 }), raw).targets;
    expect(slow.map((target) => [target.name, target.met])).toEqual([
      ['ingestion events/s', false],
      ['ratio to raw publish', false],
      ['successful requests, % of all', true],
    ]);
  });

  it('fails the success target when any request failed', () => {
    const result = ingestResult(DEFAULT_OPTIONS, load({ failures: 1 }), raw);

    expect(result.targets[2]?.met).toBe(false);
    expect(result.targets[2]?.actual).toBeCloseTo(99.975);
  });

  it('notes the first failure, and nothing when every request succeeded', () => {
    const failed = ingestResult(
      DEFAULT_OPTIONS,
      load({ failures: 2, firstFailure: 'HTTP 500: boom' }),
      raw,
    );

    expect(failed.notes[0]).toBe(
      '2 of 4000 requests failed (the run stops at 100); the first: HTTP 500: boom',
    );
    expect(ingestResult(DEFAULT_OPTIONS, load(), raw).notes).toEqual([]);
  });

  it('keeps both workers results in the details for --json', () => {
    const result = ingestResult(DEFAULT_OPTIONS, load(), raw);

    expect(result.details).toEqual({
      ingestion: {
        ...loadOutput({}),
        stored: { messages: 500_000, events: 500_000, bytes: 700_000_000 },
      },
      raw: { ...rawOutput, stored: { messages: 500_000, events: 500_000, bytes: 550_000_000 } },
    });
  });
});
