import { atLeast, type BenchResult } from './benchmark';
import { formatNumber, formatTable, jsonReport, type Machine } from './report';

const machine: Machine = {
  cpus: 2,
  cpuModel: 'Test CPU',
  memoryGb: 4,
  node: 'v24.0.0',
  platform: 'linux-x64',
  loadAverage: 0.5,
};
const date = new Date('2025-01-02T03:04:05.000Z');

const result: BenchResult = {
  benchmark: 'ingest',
  setup: '8 connections × 100 events × 1024 B',
  measurements: [
    { group: 'ingestion', label: 'events/s', value: 18_234.4, unit: '' },
    { group: 'ingestion', label: 'p99 latency', value: 81.234, unit: 'ms' },
    { group: 'raw nats', label: 'events/s', value: 30_000, unit: '' },
  ],
  targets: [atLeast('events/s', 18_234.4, 15_000), atLeast('ratio to raw', 0.61, 0.7)],
  notes: ['first failed request: HTTP 500'],
  details: {},
};

describe('atLeast', () => {
  it('is met at the threshold and above, not below', () => {
    expect(atLeast('x', 15_000, 15_000).met).toBe(true);
    expect(atLeast('x', 14_999.9, 15_000).met).toBe(false);
  });
});

describe('formatNumber', () => {
  it('rounds large values to integers with separators, small ones to two digits, counts to none', () => {
    expect(formatNumber(18_234.5)).toBe('18,235');
    expect(formatNumber(41.26)).toBe('41.3');
    expect(formatNumber(0.7349)).toBe('0.73');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(7)).toBe('7');
    expect(formatNumber(Number.NaN)).toBe('n/a');
  });
});

describe('formatTable', () => {
  const lines = formatTable(result, machine, date);

  it('names each group once and aligns the values', () => {
    expect(lines).toContain('  ingestion  events/s     18,234');
    expect(lines).toContain('             p99 latency    81.2 ms');
    expect(lines).toContain('  raw nats   events/s     30,000');
  });

  it('marks each target met or not met', () => {
    expect(lines).toContain('  events/s ≥ 15,000: 18,234 — met');
    expect(lines).toContain('  ratio to raw ≥ 0.70: 0.61 — NOT MET');
  });

  it('prints the notes under the targets', () => {
    expect(lines.slice(-2)).toEqual(['notes:', '  first failed request: HTTP 500']);
    expect(formatTable({ ...result, notes: [] }, machine, date).at(-1)).toMatch(/NOT MET$/);
  });

  it('states the machine and the date', () => {
    expect(lines[0]).toBe('ingest benchmark, 2025-01-02T03:04:05.000Z');
    expect(lines[1]).toContain('2 CPUs (Test CPU)');
    expect(lines[1]).toContain('load average 0.50 at the start');
  });
});

describe('jsonReport', () => {
  it('says whether every target was met', () => {
    expect(jsonReport(result, machine, date).allTargetsMet).toBe(false);
    expect(jsonReport({ ...result, targets: [] }, machine, date).allTargetsMet).toBe(true);
  });
});
