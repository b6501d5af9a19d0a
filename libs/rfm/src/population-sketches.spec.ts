import { applyOrderCompleted, applyOrderRefunded, emptyCustomerFacts } from './customer-facts';
import {
  emptyPopulationSketches,
  PopulationSketches,
  populationIncrements,
  populationMemberOf,
  updatePopulation,
  type RfmPopulationMember,
} from './population-sketches';
import { sketchAddAll } from './quantile-sketch';
import { mongoSafetyProblems, ms } from './spec-helpers';

const ann: RfmPopulationMember = {
  lastOrderAt: ms('2024-03-01T10:00:00Z'),
  frequency: 2,
  monetary: 80,
};
const bob: RfmPopulationMember = {
  lastOrderAt: ms('2024-05-01T10:00:00Z'),
  frequency: 1,
  monetary: -5,
};
const annLater: RfmPopulationMember = {
  ...ann,
  lastOrderAt: ms('2024-06-01T00:00:00Z'),
  frequency: 3,
};

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

/** What MongoDB does with `$inc` on dotted paths of a plain document. */
function withIncrements(document: unknown, increments: Record<string, number>): unknown {
  const copy = JSON.parse(JSON.stringify(document)) as Record<string, unknown>;
  for (const [path, delta] of Object.entries(increments)) {
    const names = path.split('.');
    const last = names.pop() as string;
    let node = copy;
    for (const name of names) node = (node[name] ??= {}) as Record<string, unknown>;
    node[last] = ((node[last] as number | undefined) ?? 0) + delta;
  }
  return copy;
}

/** Buckets left at 0 by `$inc` hold nothing: drop them to compare. */
function withoutEmptyBuckets(sketches: PopulationSketches): PopulationSketches {
  const clean = (buckets: Record<string, number>) =>
    Object.fromEntries(Object.entries(buckets).filter(([, count]) => count !== 0));
  return {
    lastOrderAt: { ...sketches.lastOrderAt, buckets: clean(sketches.lastOrderAt.buckets) },
    frequency: { ...sketches.frequency, buckets: clean(sketches.frequency.buckets) },
    monetary: { ...sketches.monetary, buckets: clean(sketches.monetary.buckets) },
  };
}

describe('PopulationSketches', () => {
  it('makes a member of a profile with a completed order only', () => {
    const at = ms('2024-03-01T10:00:00Z');
    const refundOnly = applyOrderRefunded(emptyCustomerFacts(), { orderId: 'x', revenue: 5, at });
    expect(populationMemberOf(refundOnly)).toBeNull();
    const ordered = applyOrderCompleted(refundOnly, { orderId: 'o', revenue: 85, at });
    expect(populationMemberOf(ordered)).toEqual({ lastOrderAt: at, frequency: 1, monetary: 80 });
  });

  it('moves a profile whose values change: the old values leave, the new ones enter', () => {
    let sketches = emptyPopulationSketches();
    sketches = updatePopulation(sketches, null, ann);
    sketches = updatePopulation(sketches, null, bob);
    sketches = updatePopulation(sketches, ann, annLater);
    expect(sketches).toEqual(sketchesOf([bob, annLater]));
    expect(updatePopulation(sketches, bob, null)).toEqual(sketchesOf([annLater]));
  });

  it('refuses to remove values the population does not hold', () => {
    expect(() => updatePopulation(emptyPopulationSketches(), ann, annLater)).toThrow(RangeError);
  });

  it('gives the same change as MongoDB $inc increments', () => {
    const before = sketchesOf([ann, bob]);
    for (const [from, to] of [
      [ann, annLater],
      [null, annLater],
      [bob, null],
      [ann, ann],
    ] as const) {
      const increments = populationIncrements(before, from, to);
      const incremented = PopulationSketches.parse(withIncrements(before, increments));
      expect(withoutEmptyBuckets(incremented)).toEqual(updatePopulation(before, from, to));
    }
    expect(populationIncrements(before, ann, ann)).toEqual({});
  });

  it('is plain JSON for MongoDB and parses back', () => {
    const sketches = sketchesOf([ann, bob, annLater]);
    expect(mongoSafetyProblems(sketches)).toEqual([]);
    expect(PopulationSketches.parse(JSON.parse(JSON.stringify(sketches)))).toEqual(sketches);
  });
});
