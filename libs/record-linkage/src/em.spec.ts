import { COMPARISON_FIELDS, comparePeople, MISSING, type ComparisonField } from './comparators';
import { syntheticDataset } from './dataset';
import { estimateParameters, normalise, PatternCounts } from './em';
import { preparePersonRecord, PersonIndex } from './person-index';
import { Prng } from './prng';

/** Pairs drawn from known m, u and prior, as EM assumes: fields independent given the class. */
function simulatedPatterns(seed: number) {
  const fields: ComparisonField[] = [
    { name: 'a', levels: ['exact', 'close', 'different'] },
    { name: 'b', levels: ['exact', 'different'] },
    { name: 'c', levels: ['exact', 'close', 'different'] },
    { name: 'd', levels: ['exact', 'different'] },
  ];
  const truth = {
    prior: 0.2,
    m: [
      [0.85, 0.1, 0.05],
      [0.9, 0.1],
      [0.7, 0.2, 0.1],
      [0.8, 0.2],
    ],
    u: [
      [0.05, 0.15, 0.8],
      [0.02, 0.98],
      [0.1, 0.2, 0.7],
      [0.2, 0.8],
    ],
  };
  const prng = new Prng(seed);
  const draw = (probabilities: number[]) => {
    let r = prng.next();
    for (let level = 0; level < probabilities.length; level++) {
      r -= probabilities[level] ?? 0;
      if (r < 0) return level;
    }
    return probabilities.length - 1;
  };
  const patterns = new PatternCounts();
  for (let pair = 0; pair < 40_000; pair++) {
    const table = prng.chance(truth.prior) ? truth.m : truth.u;
    // Some fields missing, as in real records: they must not bias the estimates.
    patterns.add(Int8Array.from(table, (row) => (prng.chance(0.1) ? MISSING : draw(row))));
  }
  return { fields, truth, patterns };
}

describe('estimateParameters', () => {
  it('recovers m, u and the prior of data drawn from a known model', () => {
    const { fields, truth, patterns } = simulatedPatterns(7);
    const result = estimateParameters(patterns, fields);
    expect(result.converged).toBe(true);
    expect(result.model.matchPrior).toBeCloseTo(truth.prior, 1);
    result.model.parameters.forEach(({ m, u }, f) => {
      m.forEach((value, level) =>
        expect(Math.abs(value - (truth.m[f]?.[level] ?? 0))).toBeLessThan(0.03),
      );
      u.forEach((value, level) =>
        expect(Math.abs(value - (truth.u[f]?.[level] ?? 0))).toBeLessThan(0.03),
      );
    });
  });

  it('keeps u fixed when given and estimates m around it', () => {
    const { fields, truth, patterns } = simulatedPatterns(8);
    const result = estimateParameters(patterns, fields, {
      maxIterations: 200,
      tolerance: 1e-6,
      initialPrior: 0.1,
      fixedU: truth.u,
    });
    expect(result.model.parameters.map((p) => p.u)).toEqual(truth.u);
    expect(Math.abs((result.model.parameters[0]?.m[0] ?? 0) - 0.85)).toBeLessThan(0.03);
  });

  it('stops at the iteration limit and says it did not converge', () => {
    const { fields, patterns } = simulatedPatterns(9);
    const result = estimateParameters(patterns, fields, {
      maxIterations: 2,
      tolerance: 0,
      initialPrior: 0.1,
    });
    expect(result).toMatchObject({ iterations: 2, converged: false });
  });

  it('refuses to estimate from no pairs', () => {
    expect(() => estimateParameters(new PatternCounts(), COMPARISON_FIELDS)).toThrow(RangeError);
  });

  it("comes close to the generator's true m and u on candidate pairs of synthetic people", () => {
    const data = syntheticDataset({ seed: 11, profiles: 4000, queries: 3000, duplicateShare: 0.5 });
    const index = new PersonIndex();
    for (const profile of data.profiles) index.add(profile.entityId, profile.record);
    // Labelled pairs give the true m and u; EM sees the same pairs without labels.
    const unlabeled = new PatternCounts();
    const matches = new PatternCounts();
    const nonMatches = new PatternCounts();
    for (const query of data.queries) {
      const person = preparePersonRecord(query.record);
      for (const id of index.candidates(person)) {
        const levels = comparePeople(person, index.get(id) ?? person);
        unlabeled.add(levels);
        (id === query.truthId ? matches : nonMatches).add(levels);
      }
    }
    const model = estimateParameters(unlabeled, COMPARISON_FIELDS).model;
    const trueM = levelFrequencies(matches);
    const trueU = levelFrequencies(nonMatches);
    expect(model.matchPrior).toBeCloseTo(matches.pairs / unlabeled.pairs, 1);
    // The names and dates carry most of the weight; their m and u must be right.
    for (const f of [0, 1, 2, 3]) {
      model.parameters[f]?.m.forEach((value, level) =>
        expect(Math.abs(value - (trueM[f]?.[level] ?? 0))).toBeLessThan(0.05),
      );
      model.parameters[f]?.u.forEach((value, level) =>
        expect(Math.abs(value - (trueU[f]?.[level] ?? 0))).toBeLessThan(0.05),
      );
    }
  });
});

function levelFrequencies(patterns: PatternCounts): number[][] {
  const sums = COMPARISON_FIELDS.map((field) => new Array<number>(field.levels.length).fill(0));
  for (const { levels, count } of patterns.entries())
    levels.forEach((level, f) => {
      const row = sums[f];
      if (level !== MISSING && row !== undefined) row[level] = (row[level] ?? 0) + count;
    });
  return sums.map(normalise);
}
