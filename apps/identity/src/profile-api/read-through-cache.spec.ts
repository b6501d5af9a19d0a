import { ReadThroughCache } from './read-through-cache';

/** A store read the spec finishes by hand, counting how often it was asked. */
function store() {
  const pending: ((value: string | null) => void)[] = [];
  let reads = 0;
  const load = () => {
    reads += 1;
    return new Promise<string | null>((resolve) => pending.push(resolve));
  };
  return {
    load,
    answer: (value: string | null) => {
      const next = pending.shift();
      if (next === undefined) throw new Error('no read is waiting');
      next(value);
    },
    reads: () => reads,
  };
}

const refreshErrors: unknown[] = [];
const settings = {
  maxEntries: 100,
  maxAgeMs: 60_000,
  onRefreshError: (error: unknown) => refreshErrors.push(error),
};
const value = (answer: string) => () => Promise.resolve(answer);

describe('ReadThroughCache', () => {
  it('reads the store once for concurrent misses and then serves the value from memory', async () => {
    const cache = new ReadThroughCache<string>(settings);
    const db = store();

    const first = cache.read('ws', 'p1', db.load);
    const second = cache.read('ws', 'p1', db.load);
    db.answer('v1');

    expect(await Promise.all([first, second])).toEqual(['v1', 'v1']);
    expect(await cache.read('ws', 'p1', db.load)).toBe('v1');
    expect(db.reads()).toBe(1);
  });

  it('reads again after the key is invalidated', async () => {
    const cache = new ReadThroughCache<string>(settings);
    await cache.read('ws', 'p1', value('v1'));

    cache.invalidate('ws', 'p1');

    expect(await cache.read('ws', 'p1', value('v2'))).toBe('v2');
  });

  it('does not keep a value whose read was in flight when the key was invalidated, nor let later reads join it', async () => {
    const cache = new ReadThroughCache<string>(settings);
    const db = store();
    const stale = cache.read('ws', 'p1', db.load);

    cache.invalidate('ws', 'p1');
    const fresh = cache.read('ws', 'p1', db.load);
    db.answer('before the change');
    db.answer('after the change');

    expect(await stale).toBe('before the change');
    expect(await fresh).toBe('after the change');
    expect(await cache.read('ws', 'p1', value('unused'))).toBe('after the change');
  });

  it('drops one workspace and leaves the others', async () => {
    const cache = new ReadThroughCache<string>(settings);
    await cache.read('ws-a', 'p1', value('a'));
    await cache.read('ws-b', 'p1', value('b'));

    cache.invalidateWorkspace('ws-a');

    expect(await cache.read('ws-a', 'p1', value('a2'))).toBe('a2');
    expect(await cache.read('ws-b', 'p1', value('unused'))).toBe('b');
  });

  it("drops a workspace's entries whose value matches, and does not keep its reads in flight", async () => {
    const cache = new ReadThroughCache<string>(settings);
    const db = store();
    await cache.read('ws', 'email:a', value('p1'));
    await cache.read('ws', 'email:b', value('p2'));
    await cache.read('ws-other', 'email:a', value('p1'));
    const inFlight = cache.read('ws', 'email:c', db.load);

    cache.invalidateWhere('ws', (owner) => owner === 'p1');
    db.answer('p1');

    expect(await inFlight).toBe('p1');
    expect(await cache.read('ws', 'email:a', value('p3'))).toBe('p3');
    expect(await cache.read('ws', 'email:c', value('p3'))).toBe('p3');
    expect(await cache.read('ws', 'email:b', value('unused'))).toBe('p2');
    expect(await cache.read('ws-other', 'email:a', value('unused'))).toBe('p1');
  });

  it('tells workspaces and ids apart whatever characters they hold', async () => {
    const cache = new ReadThroughCache<string>(settings);
    await cache.read('ws', 'xp', value('first'));

    expect(await cache.read('wsx', 'p', value('second'))).toBe('second');
  });

  it('reads through without keeping anything while suspended, and starts empty on resume', async () => {
    const cache = new ReadThroughCache<string>(settings);
    await cache.read('ws', 'p1', value('before'));

    cache.suspend();
    expect(await cache.read('ws', 'p1', value('during'))).toBe('during');
    expect(await cache.read('ws', 'p1', value('during again'))).toBe('during again');
    cache.resume();

    expect(await cache.read('ws', 'p1', value('after'))).toBe('after');
    expect(await cache.read('ws', 'p1', value('unused'))).toBe('after');
  });

  it('does not keep absent values or failed reads', async () => {
    const cache = new ReadThroughCache<string>(settings);
    expect(await cache.read('ws', 'p1', () => Promise.resolve(null))).toBeNull();
    await expect(cache.read('ws', 'p2', () => Promise.reject(new Error('down')))).rejects.toThrow(
      'down',
    );

    expect(await cache.read('ws', 'p1', value('created'))).toBe('created');
    expect(await cache.read('ws', 'p2', value('back'))).toBe('back');
  });

  describe('as entries age', () => {
    function aging() {
      let now = 0;
      const cache = new ReadThroughCache<string>({
        ...settings,
        maxAgeMs: 1_000,
        clock: () => now,
      });
      return { cache, advance: (ms: number) => (now += ms) };
    }

    it('answers the cached value past half its max age and re-reads it in the background', async () => {
      const { cache, advance } = aging();
      const db = store();
      await cache.read('ws', 'p1', value('v1'));
      advance(600);

      expect(await cache.read('ws', 'p1', db.load)).toBe('v1');
      expect(await cache.read('ws', 'p1', db.load)).toBe('v1');
      db.answer('v2');
      await Promise.resolve();
      await Promise.resolve();
      advance(600);

      expect(await cache.read('ws', 'p1', value('unused'))).toBe('v2');
      expect(db.reads()).toBe(1);
    });

    it('never answers a value older than its max age', async () => {
      const { cache, advance } = aging();
      await cache.read('ws', 'p1', value('v1'));
      advance(1_000);

      expect(await cache.read('ws', 'p1', value('v2'))).toBe('v2');
    });

    it('drops the entry when the re-read finds the value gone', async () => {
      const { cache, advance } = aging();
      await cache.read('ws', 'p1', value('v1'));
      advance(600);

      await cache.read('ws', 'p1', () => Promise.resolve(null));
      await Promise.resolve();

      expect(await cache.read('ws', 'p1', value('recreated'))).toBe('recreated');
    });

    describe('refreshRecentlyRead', () => {
      /** A store whose answer is the number of reads so far. */
      function counting() {
        let reads = 0;
        return {
          load: () => Promise.resolve(`v${(reads += 1)}`),
          reads: () => reads,
        };
      }
      const settled = () => new Promise((resolve) => setImmediate(resolve));

      it('keeps a value read recently fresh through a pause with no reader', async () => {
        const { cache, advance } = aging();
        const db = counting();
        await cache.read('ws', 'p1', db.load);
        advance(600);

        cache.refreshRecentlyRead(5_000);
        await settled();
        advance(600);

        // 1,200 ms after the first read, past its max age: the refresh is answered.
        expect(await cache.read('ws', 'p1', value('unused'))).toBe('v2');
      });

      it('counts only callers’ reads, so a value nobody reads stops being refreshed', async () => {
        const { cache, advance } = aging();
        const db = counting();
        await cache.read('ws', 'p1', db.load);

        for (let tick = 0; tick < 4; tick += 1) {
          advance(600);
          cache.refreshRecentlyRead(1_000);
          await settled();
        }

        expect(db.reads()).toBe(2);
      });

      it('leaves values younger than half their max age alone', async () => {
        const { cache, advance } = aging();
        const db = counting();
        await cache.read('ws', 'p1', db.load);
        advance(400);

        cache.refreshRecentlyRead(5_000);
        await settled();

        expect(db.reads()).toBe(1);
      });
    });

    it('reports a failed background re-read and keeps the value until its max age', async () => {
      const { cache, advance } = aging();
      await cache.read('ws', 'p1', value('v1'));
      advance(600);
      const failure = new Error('store down');

      expect(await cache.read('ws', 'p1', () => Promise.reject(failure))).toBe('v1');
      await new Promise((resolve) => setImmediate(resolve));

      expect(refreshErrors).toContain(failure);
      expect(await cache.read('ws', 'p1', value('unused'))).toBe('v1');
    });
  });
});
