import { SeededRandom } from '../random';
import { exampleLogLoss } from './prequential';
import { PairedLossTest } from './paired-test';

/**
 * Two "models" that each see the true probability through their own independent noise on
 * the logit: equally good in expectation, different on every example.
 */
function noisyOracles(
  seed: number,
  examples: number,
  championNoise: number,
  challengerNoise: number,
) {
  const random = new SeededRandom(seed);
  const pairs: [number, number][] = [];
  for (let index = 0; index < examples; index++) {
    const logit = -1.5 + 1.2 * random.normal();
    const label = random.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    const champion = 1 / (1 + Math.exp(-(logit + championNoise * random.normal())));
    const challenger = 1 / (1 + Math.exp(-(logit + challengerNoise * random.normal())));
    pairs.push([exampleLogLoss(champion, label), exampleLogLoss(challenger, label)]);
  }
  return pairs;
}

function firstWin(test: PairedLossTest, pairs: readonly [number, number][]): number | null {
  for (const [index, [champion, challenger]] of pairs.entries()) {
    if (test.add(champion, challenger)) return index;
  }
  return null;
}

describe('PairedLossTest', () => {
  it('finds a challenger with less noise better, at a look', () => {
    const test = new PairedLossTest();
    const win = firstWin(test, noisyOracles(1, 20_000, 1, 0.3));
    expect(win).not.toBeNull();
    expect(((win ?? 0) + 1) % 500).toBe(0);
    expect(test.standing().zScore).toBeGreaterThan(test.threshold(test.look() ?? 1));
    expect(test.standing().meanImprovement).toBeGreaterThan(0);
  });

  it('does not find an equally noisy challenger better (five seeds, 50,000 examples each)', () => {
    for (const seed of [2, 3, 4, 5, 6]) {
      const test = new PairedLossTest();
      expect(firstWin(test, noisyOracles(seed, 50_000, 0.5, 0.5))).toBeNull();
      expect(test.standing().comparedExamples).toBe(50_000);
      expect(test.standing().meanImprovement).not.toBe(0);
    }
  });

  it('does not find a worse challenger better', () => {
    const test = new PairedLossTest();
    expect(firstWin(test, noisyOracles(7, 20_000, 0.3, 1))).toBeNull();
    expect(test.standing().zScore).toBeLessThan(-2.326);
  });

  it('does not look before minExamples, nor between looks', () => {
    const test = new PairedLossTest({ minExamples: 1000, checkEvery: 250 });
    const win = firstWin(test, noisyOracles(8, 5000, 2, 0));
    expect(win).toBe(999);
  });

  it('spends the 1 % over the looks, so later looks need a larger z', () => {
    const test = new PairedLossTest();
    expect(test.threshold(1)).toBeCloseTo(2.5075, 3);
    expect(test.threshold(10)).toBeCloseTo(3.8429, 3);
    expect(test.threshold(100)).toBeCloseTo(4.853, 3);
    expect(new PairedLossTest({ confidence: 0.95 }).threshold(1)).toBeCloseTo(1.875, 3);
    expect(test.standing().nextThreshold).toBe(test.threshold(1));
  });

  it('gives a z-score of 0 for identical losses', () => {
    const test = new PairedLossTest({ minExamples: 2, checkEvery: 1 });
    for (let index = 0; index < 100; index++) expect(test.add(0.3, 0.3)).toBe(false);
    expect(test.standing()).toMatchObject({ comparedExamples: 100, meanImprovement: 0, zScore: 0 });
  });

  it('matches the textbook mean and standard error, and resumes from its state', () => {
    const test = new PairedLossTest({ minExamples: 2, checkEvery: 1, confidence: 0.999999 });
    const differences = [0.2, -0.1, 0.4, 0.1, 0.3];
    for (const difference of differences) test.add(1 + difference, 1);
    const mean = 0.18;
    const variance = differences.reduce((sum, d) => sum + (d - mean) ** 2, 0) / 4;
    expect(test.standing().meanImprovement).toBeCloseTo(mean, 12);
    expect(test.standing().zScore).toBeCloseTo(mean / Math.sqrt(variance / 5), 10);
    const resumed = new PairedLossTest(test.policy, JSON.parse(JSON.stringify(test.toState())));
    expect(resumed.standing()).toEqual(test.standing());
  });

  it('rejects a loss that is not finite', () => {
    expect(() => new PairedLossTest().add(Number.POSITIVE_INFINITY, 1)).toThrow(RangeError);
  });
});
