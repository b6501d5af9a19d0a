import { CLASSIC_SEGMENTS, classicSegmentOf, fmScoreOf, type ClassicSegment } from './segments';

/** The published-mapping grid of the README, as the cells (r, fm) of each segment. */
const CELLS: Record<ClassicSegment, [r: number, fm: number][]> = {
  Champions: [
    [5, 4],
    [5, 5],
    [4, 4],
    [4, 5],
  ],
  Loyal: [
    [5, 3],
    [4, 3],
    [3, 4],
    [3, 5],
  ],
  'Potential Loyalists': [
    [5, 2],
    [4, 2],
  ],
  New: [[5, 1]],
  Promising: [[4, 1]],
  'Need Attention': [
    [3, 2],
    [3, 3],
  ],
  'About to Sleep': [[3, 1]],
  'At Risk': [
    [2, 3],
    [2, 4],
    [1, 3],
  ],
  "Can't Lose": [
    [2, 5],
    [1, 4],
    [1, 5],
  ],
  Hibernating: [
    [2, 1],
    [2, 2],
  ],
  Lost: [
    [1, 1],
    [1, 2],
  ],
};

const SCORES = [1, 2, 3, 4, 5];

describe('classic RFM segments', () => {
  it('averages f and m rounding up', () => {
    expect(fmScoreOf({ f: 1, m: 1 })).toBe(1);
    expect(fmScoreOf({ f: 1, m: 2 })).toBe(2);
    expect(fmScoreOf({ f: 4, m: 5 })).toBe(5);
    expect(fmScoreOf({ f: 5, m: 2 })).toBe(4);
  });

  it('puts every one of the 125 (r, f, m) in the segment of its (r, fm) cell', () => {
    const cells = Object.entries(CELLS).flatMap(([segment, list]) =>
      list.map(([r, fm]) => ({ r, fm, segment })),
    );
    expect(cells).toHaveLength(25);
    for (const r of SCORES) {
      for (const f of SCORES) {
        for (const m of SCORES) {
          const fm = Math.ceil((f + m) / 2);
          const expected = cells.find((cell) => cell.r === r && cell.fm === fm)?.segment;
          expect([r, f, m, classicSegmentOf({ r, f, m })]).toEqual([r, f, m, expected]);
        }
      }
    }
  });

  it('reaches every segment', () => {
    const reached = new Set<string>();
    for (const r of SCORES)
      for (const f of SCORES)
        for (const m of SCORES) {
          reached.add(classicSegmentOf({ r, f, m }));
        }
    expect([...reached].sort()).toEqual([...CLASSIC_SEGMENTS].sort());
  });

  // [segment, scores just inside it, scores just across one of its edges, segment there]
  it.each<[ClassicSegment, [number, number, number], [number, number, number], ClassicSegment]>([
    ['Champions', [4, 4, 3], [4, 3, 3], 'Loyal'],
    ['Champions', [4, 5, 5], [3, 5, 5], 'Loyal'],
    ['Loyal', [4, 2, 3], [4, 2, 2], 'Potential Loyalists'],
    ['Loyal', [3, 4, 3], [3, 3, 3], 'Need Attention'],
    ['Potential Loyalists', [5, 1, 2], [5, 1, 1], 'New'],
    ['Potential Loyalists', [4, 2, 2], [3, 2, 2], 'Need Attention'],
    ['New', [5, 1, 1], [4, 1, 1], 'Promising'],
    ['Promising', [4, 1, 1], [3, 1, 1], 'About to Sleep'],
    ['Need Attention', [3, 1, 2], [3, 1, 1], 'About to Sleep'],
    ['Need Attention', [3, 2, 2], [2, 2, 2], 'Hibernating'],
    ['About to Sleep', [3, 1, 1], [2, 1, 1], 'Hibernating'],
    ['At Risk', [2, 3, 2], [2, 2, 2], 'Hibernating'],
    ['At Risk', [1, 3, 3], [1, 4, 3], "Can't Lose"],
    ["Can't Lose", [2, 5, 4], [2, 4, 4], 'At Risk'],
    ["Can't Lose", [1, 4, 3], [1, 3, 3], 'At Risk'],
    ['Hibernating', [2, 2, 1], [1, 2, 1], 'Lost'],
    ['Lost', [1, 2, 2], [1, 2, 3], 'At Risk'],
  ])('%s at its edge: %j, and across it %j is %s', (segment, inside, across, neighbour) => {
    const [r, f, m] = inside;
    const [r2, f2, m2] = across;
    expect(classicSegmentOf({ r, f, m })).toBe(segment);
    expect(classicSegmentOf({ r: r2, f: f2, m: m2 })).toBe(neighbour);
  });

  it('rejects scores outside 1..5', () => {
    expect(() => classicSegmentOf({ r: 0, f: 1, m: 1 })).toThrow(/scores/);
    expect(() => classicSegmentOf({ r: 1, f: 6, m: 6 })).toThrow(/scores/);
  });
});
