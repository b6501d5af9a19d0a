import { exactAuc } from './exact-auc';

describe('exactAuc', () => {
  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(exactAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(exactAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
  });

  it('counts a tie between a positive and a negative as one half', () => {
    expect(exactAuc([0.5, 0.5], [0, 1])).toBe(0.5);
    // Pairs: (0.3+,0.1-)=1, (0.3+,0.3-)=½, (0.7+,0.1-)=1, (0.7+,0.3-)=1 → 3.5 / 4.
    expect(exactAuc([0.1, 0.3, 0.3, 0.7], [0, 0, 1, 1])).toBe(0.875);
  });

  it('matches a count over all pairs on a shuffled fixture', () => {
    const scores = [0.12, 0.5, 0.33, 0.5, 0.9, 0.05, 0.61, 0.33, 0.78, 0.2];
    const labels: (0 | 1)[] = [0, 1, 0, 0, 1, 0, 1, 1, 0, 0];
    let wins = 0;
    let pairs = 0;
    scores.forEach((positive, i) => {
      if (labels[i] !== 1) return;
      scores.forEach((negative, j) => {
        if (labels[j] !== 0) return;
        pairs++;
        wins += positive > negative ? 1 : positive === negative ? 0.5 : 0;
      });
    });
    expect(exactAuc(scores, labels)).toBeCloseTo(wins / pairs, 12);
  });

  it('is null when one class is missing', () => {
    expect(exactAuc([0.1, 0.2], [1, 1])).toBeNull();
    expect(exactAuc([], [])).toBeNull();
  });

  it('rejects scores and labels of different lengths', () => {
    expect(() => exactAuc([0.1], [])).toThrow(RangeError);
  });
});
