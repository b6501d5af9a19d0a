import { syntheticDataset } from './dataset';
import { measureAccuracy } from './evaluation';
import { Matcher } from './matcher';
import { PersonIndex } from './person-index';
import { Prng } from './prng';
import { candidatePatterns, fitModel, randomPairU } from './training';

describe('training and matching end to end', () => {
  const data = syntheticDataset({ seed: 21, profiles: 3000, queries: 2000, duplicateShare: 0.5 });
  const index = new PersonIndex();
  for (const profile of data.profiles) index.add(profile.entityId, profile.record);
  const training = data.queries.slice(0, 1000);
  const test = data.queries.slice(1000);

  it('collects one comparison vector per candidate pair', () => {
    const patterns = candidatePatterns(
      index,
      training.map((query) => query.record),
    );
    expect(patterns.pairs).toBeGreaterThan(training.length / 2);
  });

  it('measures u on random pairs as mostly disagreement', () => {
    const people = data.profiles
      .map((profile) => index.get(profile.entityId))
      .filter((p) => p !== undefined);
    const u = randomPairU(people, 5000, new Prng(1));
    // Two random people rarely share a birthday or a surname.
    expect(u[1]?.at(-1)).toBeGreaterThan(0.9);
    expect(u[2]?.[0]).toBeLessThan(0.01);
  });

  it('links held-out duplicates with high precision and recall after fitting on unlabeled records', () => {
    const { model } = fitModel(
      index,
      training.map((query) => query.record),
    );
    const matcher = new Matcher(index, model);
    const outcomes = test.map((query) => ({
      truthId: query.truthId,
      ...matcher.match(query.record),
    }));
    const accuracy = measureAccuracy(outcomes);
    expect(accuracy.precision).toBeGreaterThan(0.97);
    expect(accuracy.recall).toBeGreaterThan(0.85);
  });
});
