import {
  applyEngagement,
  applyOrderCompleted,
  applyOrderRefunded,
  emptyCustomerFacts,
  type CustomerFacts,
} from './customer-facts';
import { DAY_MS } from './instant';
import {
  emptyPopulationSketches,
  populationMemberOf,
  updatePopulation,
  type PopulationSketches,
} from './population-sketches';
import {
  GoldenRecordRfm,
  goldenRecordRfmOf,
  RfmRecord,
  rfmRecordFromScores,
  rfmRecordOf,
  segmentChanges,
  segmentsOf,
} from './rfm-record';
import { exactCutsOf, populationCutsOf } from './rfm-scores';
import { mongoSafetyProblems, ms } from './spec-helpers';

const AS_OF = ms('2024-06-12T12:00:00Z');
const daysAgo = (days: number) => AS_OF - days * DAY_MS;

/** A customer with `count` orders of `revenue`, the last one `lastDaysAgo` days ago. */
function customer(count: number, revenue: number, lastDaysAgo: number): CustomerFacts {
  let facts = emptyCustomerFacts();
  for (let i = 0; i < count; i++) {
    const at = daysAgo(lastDaysAgo + i * 7);
    facts = applyOrderCompleted(facts, { orderId: `o${i}`, revenue, at });
  }
  return facts;
}

const star = customer(6, 50, 1);
const CROWD = [
  customer(1, 10, 300),
  customer(2, 20, 200),
  customer(3, 30, 100),
  customer(4, 40, 50),
  star,
];

function sketchesOf(crowd: readonly CustomerFacts[]): PopulationSketches {
  return crowd.reduce(
    (sketches, facts) => updatePopulation(sketches, null, populationMemberOf(facts)),
    emptyPopulationSketches(),
  );
}

describe('rfmRecordOf', () => {
  const sketches = sketchesOf(CROWD);

  it('gives exactly the golden record fields, plus the trend segments', () => {
    const record = rfmRecordOf(star, AS_OF, sketches);
    expect(record).toEqual({
      recencyDays: 1,
      frequency: 6,
      monetary: 300,
      r: 5,
      f: 5,
      m: 5,
      segment: 'Champions',
      trend: 'accelerating',
      trendSegments: ['Accelerating'],
    });
    const rfm = goldenRecordRfmOf(record);
    expect(Object.keys(rfm).sort()).toEqual(
      ['recencyDays', 'frequency', 'monetary', 'r', 'f', 'm', 'segment', 'trend'].sort(),
    );
    expect(GoldenRecordRfm.parse(rfm)).toEqual(rfm);
    expect(() => GoldenRecordRfm.parse(record)).toThrow(/trendSegments/);
    expect(mongoSafetyProblems(record)).toEqual([]);
    expect(RfmRecord.parse(JSON.parse(JSON.stringify(record)))).toEqual(record);
  });

  it('scores the least recent, least frequent, smallest customer Lost', () => {
    const [oldest] = CROWD;
    expect(rfmRecordOf(oldest ?? star, AS_OF, sketches)).toMatchObject({
      recencyDays: 300,
      r: 1,
      f: 1,
      m: 1,
      segment: 'Lost',
      trend: null,
    });
  });

  it('gives no scores and no classic segment to a profile without a completed order', () => {
    const refundOnly = applyOrderRefunded(emptyCustomerFacts(), {
      orderId: 'x',
      revenue: 12.5,
      at: daysAgo(3),
    });
    expect(rfmRecordOf(refundOnly, AS_OF, sketches)).toEqual({
      recencyDays: null,
      frequency: 0,
      monetary: -12.5,
      r: null,
      f: null,
      m: null,
      segment: null,
      trend: null,
      trendSegments: [],
    });
  });

  it('scores the same from the sketches, from their cut points and from exact scores', () => {
    const cuts = populationCutsOf(sketches);
    const members = CROWD.map((facts) => populationMemberOf(facts)).filter((m) => m !== null);
    const exact = exactCutsOf(members);
    for (const facts of CROWD) {
      const record = rfmRecordOf(facts, AS_OF, sketches);
      expect(rfmRecordOf(facts, AS_OF, cuts)).toEqual(record);
      expect(rfmRecordOf(facts, AS_OF, exact)).toEqual(record);
      const { r, f, m } = record;
      const scores = r !== null && f !== null && m !== null ? { r, f, m } : null;
      expect(rfmRecordFromScores(facts, AS_OF, scores)).toEqual(record);
    }
  });
});

describe('segment memberships', () => {
  it('lists the classic segment then the trend segments', () => {
    const engaged = [1, 2, 3].reduce(
      (facts, day) =>
        applyEngagement(
          applyEngagement(facts, { channel: 'email', kind: 'received', at: daysAgo(day) }),
          { channel: 'email', kind: 'clicked', at: daysAgo(day) + 1 },
        ),
      star,
    );
    const sketches = sketchesOf(CROWD);
    expect(segmentsOf(engaged, AS_OF, sketches)).toEqual([
      'Champions',
      'Hyperactives',
      'Accelerating',
    ]);
  });

  it('says which segments a profile entered and exited', () => {
    expect(segmentChanges(['Loyal', 'Accelerating'], ['Champions', 'Accelerating'])).toEqual({
      entered: ['Champions'],
      exited: ['Loyal'],
    });
    expect(segmentChanges([], [])).toEqual({ entered: [], exited: [] });
  });
});
