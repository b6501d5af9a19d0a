import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSpans, spansOfTrace } from './spans';

const span = (traceId: string, spanId: string, startTime: number, service = 'identity') => ({
  traceId: traceId.repeat(32),
  spanId: spanId.repeat(16),
  parentSpanId: null,
  name: 'work',
  kind: 'INTERNAL',
  service,
  startTime,
  endTime: startTime + 1,
  attributes: {},
  status: { code: 'UNSET' },
});

describe('readSpans', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'read-spans-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('has no spans before any service wrote the file', () => {
    expect(readSpans(join(dir, 'missing.jsonl'))).toEqual([]);
  });

  it('parses every line and groups a trace in start order', () => {
    const file = join(dir, 'spans.jsonl');
    const lines = [
      span('a', '1', 20, 'scoring'),
      span('b', '2', 5),
      span('a', '3', 10, 'identity'),
    ];
    writeFileSync(file, lines.map((line) => `${JSON.stringify(line)}\n`).join(''));

    const spans = readSpans(file);
    expect(spans).toHaveLength(3);
    expect(spansOfTrace(spans, 'a'.repeat(32)).map((record) => record.service)).toEqual([
      'identity',
      'scoring',
    ]);
  });

  it('rejects a file that holds something other than spans', () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"hello":"world"}\n');
    expect(() => readSpans(file)).toThrow('span file line 1 is not a span record');
  });
});
