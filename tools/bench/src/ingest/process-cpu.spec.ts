import { cpuMicrosOfStat, processCpuMicros } from './process-cpu';

describe('process CPU from /proc', () => {
  it('reads utime and stime after a command name holding spaces and parentheses', () => {
    const stat = '4242 (node (worker) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 50 0 0 20 0 11';

    expect(cpuMicrosOfStat(stat)).toBe(3_000_000);
  });

  it('answers null for a line it cannot read', () => {
    expect(cpuMicrosOfStat('garbage')).toBeNull();
  });

  it('grows while this process works, where there is a /proc', async () => {
    const before = await processCpuMicros(process.pid);
    if (before === null) {
      expect(process.platform).not.toBe('linux');
      return;
    }
    const until = performance.now() + 50;
    let spin = 0;
    while (performance.now() < until) spin += 1;
    const after = await processCpuMicros(process.pid);

    expect(spin).toBeGreaterThan(0);
    expect(after).toBeGreaterThan(before);
  });
});
