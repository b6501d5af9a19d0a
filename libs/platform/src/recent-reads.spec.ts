import { RecentReads } from './recent-reads';

describe('RecentReads', () => {
  let now = 0;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000;
  });

  it('answers a read from within the max age without loading again, and loads after it', async () => {
    const reads = new RecentReads<string>(100, clock);
    let loads = 0;
    const load = jest.fn(async (): Promise<string> => `v${++loads}`);

    expect(await reads.read('ws', load)).toBe('v1');
    now += 99;
    expect(await reads.read('ws', load)).toBe('v1');
    now += 1;
    expect(await reads.read('ws', load)).toBe('v2');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('shares a read in flight and keeps keys apart', async () => {
    const reads = new RecentReads<string>(100, clock);
    let release: (value: string) => void = () => undefined;
    const slow = jest.fn(() => new Promise<string>((resolve) => (release = resolve)));

    const first = reads.read('a', slow);
    const second = reads.read('a', slow);
    const other = reads.read('b', async () => 'b');
    release('a');

    expect(await Promise.all([first, second, other])).toEqual(['a', 'a', 'b']);
    expect(slow).toHaveBeenCalledTimes(1);
  });

  it('does not keep a failed read, so the next call reads again', async () => {
    const reads = new RecentReads<string>(100, clock);

    await expect(reads.read('ws', () => Promise.reject(new Error('store down')))).rejects.toThrow(
      'store down',
    );
    expect(await reads.read('ws', async () => 'back')).toBe('back');
  });

  it('reads a forgotten key again at once', async () => {
    const reads = new RecentReads<string>(100, clock);
    await reads.read('ws', async () => 'old');

    reads.forget('ws');

    expect(await reads.read('ws', async () => 'new')).toBe('new');
  });
});
