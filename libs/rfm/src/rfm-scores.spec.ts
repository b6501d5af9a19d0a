import { DAY_MS } from './instant';
import {
  emptyPopulationSketches,
  type PopulationSketches,
  type RfmDimension,
  type RfmPopulationMember,
} from './population-sketches';
import { bucketKeyOf, sketchAddAll } from './quantile-sketch';
import {
  exactCutsOf,
  exactScores,
  PopulationCuts,
  populationCutsOf,
  quintileRanks,
  scoresFromCuts,
  scoresFromSketches,
} from './rfm-scores';
import { mongoSafetyProblems, ms, SeededRandom } from './spec-helpers';

const DAY0 = ms('2024-01-01T00:00:00Z');

function sketchesOf(members: readonly RfmPopulationMember[]): PopulationSketches {
  const empty = emptyPopulationSketches();
  return {
    lastOrderAt: sketchAddAll(
      empty.lastOrderAt,
      members.map((member) => member.lastOrderAt),
    ),
    frequency: sketchAddAll(
      empty.frequency,
      members.map((member) => member.frequency),
    ),
    monetary: sketchAddAll(
      empty.monetary,
      members.map((member) => member.monetary),
    ),
  };
}

const member = (day: number, frequency: number, monetary: number): RfmPopulationMember => ({
  lastOrderAt: DAY0 + day * DAY_MS + 3_600_000,
  frequency,
  monetary,
});

/** A shop's customers: recent ones more common, most buy once, spend spans four decades. */
function generatedPopulation(n: number, seed: number): RfmPopulationMember[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: n }, () => ({
    lastOrderAt: DAY0 + Math.floor(730 * DAY_MS * Math.sqrt(random.next())),
    frequency: 1 + Math.floor(-Math.log(1 - random.next()) * 3),
    monetary:
      random.next() < 0.03
        ? -Math.round(random.next() * 5000) / 100
        : Math.round(10 ** (1 + random.next() * 4)) / 100,
  }));
}

describe('RFM scores', () => {
  it('scores five distinct customers 1 to 5, the most recent r = 5', () => {
    const population = [
      member(40, 5, 10),
      member(10, 4, 50),
      member(30, 3, 20),
      member(0, 2, 40),
      member(20, 1, 30),
    ];
    expect(exactScores(population)).toEqual([
      { r: 5, f: 5, m: 1 },
      { r: 2, f: 4, m: 5 },
      { r: 4, f: 3, m: 2 },
      { r: 1, f: 2, m: 4 },
      { r: 3, f: 1, m: 3 },
    ]);
    const sketches = sketchesOf(population);
    expect(population.map((one) => scoresFromSketches(one, sketches))).toEqual(
      exactScores(population),
    );
  });

  it('gives tied values the same score, at the bottom of their tie', () => {
    // Cuts at ranks 2, 4, 6, 8 of 10 frequencies: 1, 1, 2, 5.
    const frequencies = [1, 1, 1, 1, 2, 2, 5, 5, 9, 12];
    const population = frequencies.map((frequency, i) => member(i, frequency, 10));
    expect(exactScores(population).map((scores) => scores.f)).toEqual([
      1, 1, 1, 1, 3, 3, 4, 4, 5, 5,
    ]);
    expect(exactScores(population).every((scores) => scores.m === 1)).toBe(true);
  });

  it('ranks r by the UTC day of the last order: the same day, the same r', () => {
    const early = { ...member(3, 1, 1), lastOrderAt: DAY0 + 3 * DAY_MS };
    const late = { ...member(3, 1, 1), lastOrderAt: DAY0 + 4 * DAY_MS - 1 };
    const population = [member(0, 1, 1), member(1, 1, 1), early, late, member(2, 1, 1)];
    const [, , a, b] = exactScores(population);
    expect(a?.r).toBe(b?.r);
  });

  it('takes the cut points at ranks ⌈k·n/5⌉', () => {
    expect(quintileRanks(0)).toEqual([]);
    expect(quintileRanks(5)).toEqual([1, 2, 3, 4]);
    expect(quintileRanks(7)).toEqual([2, 3, 5, 6]);
    expect(quintileRanks(4372)).toEqual([875, 1749, 2624, 3498]);
  });

  it('scores a lone or first customer 1 everywhere', () => {
    expect(scoresFromSketches(member(1, 1, 1), emptyPopulationSketches())).toEqual({
      r: 1,
      f: 1,
      m: 1,
    });
    expect(exactScores([member(1, 3, 30)])).toEqual([{ r: 1, f: 1, m: 1 }]);
  });

  it('agrees with the exact recomputation except for values within 1 % of a cut point', () => {
    const population = generatedPopulation(20_000, 2024);
    const sketches = sketchesOf(population);
    const exact = exactScores(population);
    const exactCuts = exactCutsOf(population);
    const cuts = populationCutsOf(sketches);
    const dimensions: [RfmDimension, 'r' | 'f' | 'm'][] = [
      ['lastOrderAt', 'r'],
      ['frequency', 'f'],
      ['monetary', 'm'],
    ];
    let disagreements = 0;
    population.forEach((one, i) => {
      const incremental = scoresFromCuts(one, cuts);
      for (const [dimension, score] of dimensions) {
        const wanted = exact[i]?.[score] ?? 0;
        if (incremental[score] === wanted) continue;
        disagreements++;
        // The sketch never scores higher; it scores lower only for a value above an exact cut
        // point yet in the same bucket, i.e. within the relative accuracy of that cut point.
        expect(incremental[score]).toBeLessThan(wanted);
        const mapping = sketches[dimension].mapping;
        const value = one[dimension];
        const near = exactCuts[dimension].keys.filter(
          (cut) => value > cut && bucketKeyOf(mapping, value) === bucketKeyOf(mapping, cut),
        );
        expect(near.length).toBeGreaterThan(0);
        for (const cut of near)
          expect(Math.abs(value - cut)).toBeLessThanOrEqual(0.021 * Math.abs(cut));
      }
    });
    expect(dimensions.map(([dimension]) => cuts[dimension].keys)).toHaveLength(3);
    expect(disagreements).toBeLessThan(population.length * 3 * 0.01);
    // r is sketched by UTC day, which is also how the exact job ranks it: no disagreement at all.
    population.forEach((one, i) => expect(scoresFromCuts(one, cuts).r).toBe(exact[i]?.r));
    // scoresFromSketches is the same as scoring against populationCutsOf(sketches).
    population
      .slice(0, 200)
      .forEach((one) =>
        expect(scoresFromSketches(one, sketches)).toEqual(scoresFromCuts(one, cuts)),
      );
  });

  it('keeps cut points as plain JSON with the values for display', () => {
    const population = generatedPopulation(500, 1);
    for (const cuts of [exactCutsOf(population), populationCutsOf(sketchesOf(population))]) {
      expect(mongoSafetyProblems(cuts)).toEqual([]);
      expect(PopulationCuts.parse(JSON.parse(JSON.stringify(cuts)))).toEqual(cuts);
      expect(cuts.size).toBe(500);
      expect(cuts.monetary.values).toHaveLength(4);
    }
  });
});
