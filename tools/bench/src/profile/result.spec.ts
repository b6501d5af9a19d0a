import { DEFAULT_OPTIONS } from '../options';
import { profileResult, type ProfilePhases } from './index';
import type { ProbeOutput } from './protocol';

function probe(overrides: Partial<ProbeOutput> = {}): ProbeOutput {
  return {
    requests: 20_000,
    failures: 0,
    firstFailure: null,
    requestsPerSecond: 1_000,
    answerBytes: 3_000,
    latencyMs: { count: 20_000, p50: 0.5, p99: 1.5, max: 9, mean: 0.6 },
    withinThresholdPercent: 99.4,
    ...overrides,
  };
}

const phases = (overrides: Partial<ProfilePhases> = {}): ProfilePhases => ({
  byId: probe(),
  lookup: probe(),
  staticJson: probe({ latencyMs: { count: 20_000, p50: 0.25, p99: 0.5, max: 3, mean: 0.3 } }),
  findOne: probe({ latencyMs: { count: 500, p50: 25, p99: 50, max: 80, mean: 30 } }),
  ...overrides,
});

const valueOf = (result: ReturnType<typeof profileResult>, group: string, label: string) =>
  result.measurements.find((m) => m.group === group && m.label === label)?.value;

describe('profileResult', () => {
  it('reports identity against bare HTTP and the store in the same run', () => {
    const result = profileResult(DEFAULT_OPTIONS, phases());

    expect(valueOf(result, 'ratio', 'by id ÷ bare HTTP p50')).toBe(2);
    expect(valueOf(result, 'ratio', 'by id ÷ bare HTTP p99')).toBe(3);
    expect(valueOf(result, 'ratio', 'by id ÷ findOne p50')).toBe(0.02);
    expect(valueOf(result, 'GET by id', 'p99 latency')).toBe(1.5);
  });

  it('meets the target when 99 % of the reads by id and by lookup took at most 2 ms', () => {
    const met = profileResult(DEFAULT_OPTIONS, phases());
    const missed = profileResult(
      DEFAULT_OPTIONS,
      phases({ lookup: probe({ withinThresholdPercent: 98.9 }) }),
    );

    expect(met.targets.every((target) => target.met)).toBe(true);
    expect(missed.targets.filter((target) => !target.met).map((target) => target.name)).toEqual([
      'GET lookup within 2 ms, % (p99 ≤ 2 ms)',
    ]);
  });

  it('fails the run with failed requests and names the first', () => {
    const result = profileResult(
      DEFAULT_OPTIONS,
      phases({ byId: probe({ failures: 20, firstFailure: 'HTTP 401: unauthenticated' }) }),
    );

    expect(result.targets.find((target) => target.name.startsWith('successful'))?.met).toBe(false);
    expect(result.notes).toEqual([
      'byId: 20 failed requests; the first: HTTP 401: unauthenticated',
    ]);
  });
});
