import { atLeast, type Benchmark, type BenchResult } from './benchmark';
import { runBenchCli } from './cli';
import type { BenchOptions } from './options';

function fakeBenchmark(met: boolean) {
  const runs: BenchOptions[] = [];
  const benchmark: Benchmark = {
    summary: 'a fake',
    run: async (options) => {
      runs.push(options);
      const result: BenchResult = {
        benchmark: 'fake',
        setup: 'nothing',
        measurements: [{ group: 'fake', label: 'events/s', value: 10, unit: '' }],
        targets: [atLeast('events/s', met ? 10 : 5, 10)],
        notes: [],
        details: { note: 'kept' },
      };
      return result;
    },
  };
  return { benchmark, runs };
}

async function run(argv: string[], met = true) {
  const fake = fakeBenchmark(met);
  const out: string[] = [];
  const progress: string[] = [];
  const code = await runBenchCli(
    argv,
    { fake: fake.benchmark },
    {
      out: (line) => out.push(line),
      progress: (line) => progress.push(line),
    },
  );
  return { code, out, progress, runs: fake.runs };
}

describe('runBenchCli', () => {
  it('runs the named benchmark with the parsed options and prints the table', async () => {
    const { code, out, runs } = await run(['fake', '--duration', '3']);

    expect(code).toBe(0);
    expect(runs[0]?.durationSeconds).toBe(3);
    expect(out).toContain('  events/s ≥ 10: 10 — met');
  });

  it('reports a missed target without failing, unless --assert is given', async () => {
    expect((await run(['fake'], false)).code).toBe(0);
    expect((await run(['fake', '--assert'], false)).code).toBe(1);
    expect((await run(['fake', '--assert'], true)).code).toBe(0);
  });

  it('prints one JSON document with --json', async () => {
    const { out } = await run(['fake', '--json'], false);

    const report = JSON.parse(out.join('\n')) as Record<string, unknown>;
    expect(report).toMatchObject({
      benchmark: 'fake',
      allTargetsMet: false,
      details: { note: 'kept' },
    });
  });

  it('lists the benchmarks for an unknown name and exits 2 without running anything', async () => {
    const { code, progress, runs } = await run(['nope']);

    expect(code).toBe(2);
    expect(runs).toHaveLength(0);
    expect(progress.join('\n')).toMatch(/unknown benchmark "nope"[\s\S]*fake\s+a fake/);
  });

  it('prints the usage for a bad option and exits 2', async () => {
    const { code, progress } = await run(['fake', '--connections', 'many']);

    expect(code).toBe(2);
    expect(progress.join('\n')).toMatch(/--connections[\s\S]*usage: npm run bench/);
  });
});
