import {
  applyOrderCompleted,
  applyOrderRefunded,
  emptyCustomerFacts,
  populationCutsOf,
  updatePopulation,
  type PopulationSketches,
} from '@meridian/rfm';
import {
  EMPTY_SKETCHES,
  memberIncrements,
  memberRemoval,
  membersOf,
  mergedSketches,
  sketchesOfMembers,
  StoredPopulationSketches,
} from './population';

const AT = Date.parse('2011-01-10T10:00:00Z');
const first = applyOrderCompleted(emptyCustomerFacts(), { orderId: 'o-1', revenue: 10, at: AT });
const refunded = applyOrderRefunded(first, { orderId: 'o-1', revenue: 4, at: AT });

describe('population helpers', () => {
  it('enter a first buyer in each dimension, and move it when its values change', () => {
    const entered = memberIncrements(emptyCustomerFacts(), first);
    expect(Object.values(entered).reduce((sum, delta) => sum + delta, 0)).toBe(6);
    expect(entered['frequency.count']).toBe(1);
    const moved = memberIncrements(first, refunded);
    // Only monetary moved: out of one bucket, into another; the counts stay.
    expect(Object.keys(moved).every((path) => path.startsWith('monetary.buckets.'))).toBe(true);
    expect(Object.values(moved).sort()).toEqual([-1, 1]);
    expect(memberIncrements(emptyCustomerFacts(), emptyCustomerFacts())).toEqual({});
  });

  it('read a stored sketch whose bucket went below zero as empty there', () => {
    const stored = {
      ...EMPTY_SKETCHES,
      frequency: {
        ...EMPTY_SKETCHES.frequency,
        count: 1,
        buckets: { '3': 2, '7': -1, '9': 0 },
      },
    };
    expect(StoredPopulationSketches.parse(stored).frequency).toEqual({
      ...EMPTY_SKETCHES.frequency,
      count: 2,
      buckets: { '3': 2 },
    });
  });

  it('rebuild the sketches the incremental path keeps, and merge partitions', () => {
    const other = applyOrderCompleted(emptyCustomerFacts(), {
      orderId: 'o-2',
      revenue: 99,
      at: AT + 86_400_000,
    });
    const members = membersOf([refunded, other, emptyCustomerFacts()]);
    expect(members).toHaveLength(2);
    let incremental = EMPTY_SKETCHES;
    for (const member of members) incremental = updatePopulation(incremental, null, member);
    expect(sketchesOfMembers(members)).toEqual(incremental);

    const halves = [sketchesOfMembers(members.slice(0, 1)), sketchesOfMembers(members.slice(1))];
    expect(populationCutsOf(mergedSketches(halves))).toEqual(populationCutsOf(incremental));
  });

  it("take an erased member out exactly: the sketches are the other members' again, and a profile that never bought moves nothing", () => {
    const other = applyOrderCompleted(emptyCustomerFacts(), {
      orderId: 'o-2',
      revenue: 99,
      at: AT + 86_400_000,
    });
    const sketches = withIncrements(
      withIncrements(EMPTY_SKETCHES, memberIncrements(emptyCustomerFacts(), other)),
      memberIncrements(emptyCustomerFacts(), refunded),
    );

    const after = withIncrements(sketches, memberRemoval(refunded));

    expect(StoredPopulationSketches.parse(after)).toEqual(sketchesOfMembers(membersOf([other])));
    expect(after.frequency.count).toBe(1);
    expect(memberRemoval(emptyCustomerFacts())).toEqual({});
  });
});

/** What the `$inc` of the increments does to the stored sketches. */
function withIncrements(
  sketches: PopulationSketches,
  increments: Record<string, number>,
): PopulationSketches {
  const next = structuredClone(sketches);
  for (const [path, delta] of Object.entries(increments)) {
    const [dimension, field, key] = path.split('.');
    const sketch =
      dimension === 'lastOrderAt' || dimension === 'frequency' || dimension === 'monetary'
        ? next[dimension]
        : undefined;
    if (sketch === undefined) throw new Error(`unexpected path ${path}`);
    if (field === 'count') sketch.count += delta;
    else if (field === 'buckets' && key !== undefined)
      sketch.buckets[key] = (sketch.buckets[key] ?? 0) + delta;
    else throw new Error(`unexpected path ${path}`);
  }
  return next;
}
