import type { SweepCursor } from './rfm-partition';
import { advancedCursor, sweepProgressOf } from './sweep-progress';

const cursor = (id: string, startedAt: number, overrides: Partial<SweepCursor> = {}) => ({
  id,
  asOf: 1_000,
  startedAt,
  lastId: null,
  walked: 0,
  changed: 0,
  done: false,
  finishedAt: null,
  ...overrides,
});

describe('sweepProgressOf', () => {
  it('shows the latest sweep, summed over the partitions that ran it', () => {
    const progress = sweepProgressOf(
      'ws',
      [
        { partition: 1, sweep: cursor('new', 50, { walked: 3, changed: 1, done: true }) },
        { partition: 0, sweep: cursor('new', 50, { walked: 2, changed: 2 }) },
        { partition: 2, sweep: cursor('old', 10, { done: true }) },
        { partition: 3, sweep: null },
      ],
      true,
    );
    expect(progress).toMatchObject({
      workspaceId: 'ws',
      sweepId: 'new',
      asOf: '1970-01-01T00:00:01.000Z',
      running: true,
      done: false,
      walked: 5,
      changed: 3,
    });
    expect(progress.partitions.map((part) => part.partition)).toEqual([0, 1]);
  });

  it('is done once every partition of the sweep is', () => {
    const done = cursor('s', 5, { done: true, finishedAt: 9 });
    expect(sweepProgressOf('ws', [{ partition: 0, sweep: done }], false).done).toBe(true);
  });

  it('has no sweep before the first', () => {
    expect(sweepProgressOf('ws', [{ partition: 0, sweep: null }], false)).toMatchObject({
      sweepId: null,
      done: false,
      partitions: [],
    });
  });
});

describe('advancedCursor', () => {
  it('moves past the page and adds its counts; finishing marks it done', () => {
    const start = cursor('s', 5, { lastId: 'ws|a', walked: 2, changed: 1 });
    expect(advancedCursor(start, { lastId: 'ws|c', walked: 2, changed: 0 }, null)).toMatchObject({
      lastId: 'ws|c',
      walked: 4,
      changed: 1,
      done: false,
    });
    expect(advancedCursor(start, { lastId: null, walked: 0, changed: 0 }, 99)).toMatchObject({
      lastId: 'ws|a',
      done: true,
      finishedAt: 99,
    });
  });
});
