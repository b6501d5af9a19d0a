import { PartitionLock } from './partition-lock';

/** A task that records its start and end and finishes when released. */
function gate(log: string[], name: string) {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const task = async () => {
    log.push(`${name} start`);
    await released;
    log.push(`${name} end`);
    return name;
  };
  return { task, release: () => release() };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('PartitionLock', () => {
  it('runs the tasks of one partition one after the other, in order', async () => {
    const lock = new PartitionLock();
    const log: string[] = [];
    const first = gate(log, 'a');
    const second = gate(log, 'b');
    const results = [lock.run(3, first.task), lock.run(3, second.task)];
    await settle();
    expect(log).toEqual(['a start']);
    first.release();
    second.release();
    expect(await Promise.all(results)).toEqual(['a', 'b']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end']);
    expect(lock.busyPartitions()).toEqual([]);
  });

  it('runs tasks of different partitions side by side', async () => {
    const lock = new PartitionLock();
    const log: string[] = [];
    const zero = gate(log, 'p0');
    const one = gate(log, 'p1');
    const results = [lock.run(0, zero.task), lock.run(1, one.task)];
    await settle();
    expect(log).toEqual(['p0 start', 'p1 start']);
    one.release();
    zero.release();
    await Promise.all(results);
  });

  it('goes on after a failed task, whose caller sees the failure', async () => {
    const lock = new PartitionLock();
    const failed = lock.run(0, () => Promise.reject(new Error('boom')));
    const next = lock.run(0, async () => 'next');
    await expect(failed).rejects.toThrow('boom');
    expect(await next).toBe('next');
  });
});
