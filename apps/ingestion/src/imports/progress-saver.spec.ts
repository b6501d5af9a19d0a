import { ImportTally } from './import-tally';
import { ProgressSaver } from './progress-saver';

describe('ProgressSaver', () => {
  let now = 0;
  const tally = new ImportTally();
  const progress = () => tally.progress();
  let written: number[];
  let saver: ProgressSaver;

  beforeEach(() => {
    jest.useFakeTimers();
    now = 10_000;
    written = [];
    saver = new ProgressSaver(
      async (saved) => {
        written.push(saved.lastDurableRow);
      },
      1_000,
      () => now,
    );
  });

  afterEach(() => jest.useRealTimers());

  it('writes the first durable progress at once, then at most once per interval', async () => {
    tally.durableThrough({ lastDurableRow: 10, durableDigest: 'a' });
    await saver.durable(progress);
    now += 200;
    tally.durableThrough({ lastDurableRow: 20, durableDigest: 'b' });
    await saver.durable(progress);
    expect(written).toEqual([10]);
  });

  it('writes the latest progress at the end of the interval when the upload stalls', async () => {
    tally.durableThrough({ lastDurableRow: 30, durableDigest: 'c' });
    await saver.durable(progress);
    now += 100;
    tally.durableThrough({ lastDurableRow: 40, durableDigest: 'd' });
    await saver.durable(progress);
    tally.durableThrough({ lastDurableRow: 50, durableDigest: 'e' });
    await saver.durable(progress);
    now += 900;
    await jest.advanceTimersByTimeAsync(900);
    expect(written).toEqual([30, 50]);
  });

  it('writes nothing after close, which waits for the write in progress', async () => {
    let finishWrite: () => void = () => undefined;
    const slow = new ProgressSaver(
      (saved) =>
        new Promise<void>((resolve) => {
          finishWrite = () => {
            written.push(saved.lastDurableRow);
            resolve();
          };
        }),
      1_000,
      () => now,
    );
    tally.durableThrough({ lastDurableRow: 60, durableDigest: 'f' });
    const first = slow.durable(progress);
    now += 10;
    await slow.durable(progress); // schedules a trailing write
    let closed = false;
    const closing = slow.close().then(() => (closed = true));
    await Promise.resolve();
    expect(closed).toBe(false);
    finishWrite();
    await Promise.all([first, closing]);
    await jest.advanceTimersByTimeAsync(2_000);
    expect(written).toEqual([60]);
  });

  it('throws a failed write at close', async () => {
    const failure = new Error('database down');
    const failing = new ProgressSaver(
      () => Promise.reject(failure),
      1_000,
      () => now,
    );
    await expect(failing.durable(progress)).rejects.toBe(failure);
    await expect(failing.close()).rejects.toBe(failure);
  });
});
