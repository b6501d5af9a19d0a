import { measureAccuracy } from './evaluation';

describe('measureAccuracy', () => {
  const outcomes = [
    { truthId: 'a', profileId: 'a', decision: 'merge' as const },
    { truthId: 'b', profileId: 'c', decision: 'merge' as const },
    { truthId: 'd', profileId: 'd', decision: 'review' as const },
    { truthId: null, profileId: 'e', decision: 'merge' as const },
    { truthId: null, profileId: 'f', decision: 'distinct' as const },
  ];

  it('counts right links, wrong links and missed duplicates for merges', () => {
    expect(measureAccuracy(outcomes)).toEqual({
      truePositives: 1,
      falsePositives: 2,
      falseNegatives: 2,
      precision: 1 / 3,
      recall: 1 / 3,
      f1: 1 / 3,
    });
  });

  it('counts reviews as links when asked to', () => {
    const accuracy = measureAccuracy(outcomes, (decision) => decision !== 'distinct');
    expect(accuracy).toMatchObject({ truePositives: 2, falsePositives: 2, falseNegatives: 1 });
  });

  it('reports zeros rather than NaN when nothing was linked', () => {
    expect(measureAccuracy([])).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });
});
