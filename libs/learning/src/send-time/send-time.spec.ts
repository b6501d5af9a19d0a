import {
  bestSendTime,
  emptySendTimePopulation,
  emptySendTimeProfile,
  estimateSlotShares,
  populationShares,
  recordEngagement,
  recordPopulationEngagement,
  type SendTimePopulation,
  type SendTimeProfile,
} from './send-time';

const MONDAY = Date.UTC(2024, 0, 1);
const HOUR = 3_600_000;
const TUESDAY_20 = 24 + 20;
const THURSDAY_08 = 3 * 24 + 8;

/** A population that engages most on Thursday 08:00 and a little everywhere. */
function population(): SendTimePopulation {
  let counts = emptySendTimePopulation();
  for (let slot = 0; slot < 168; slot++) counts = recordPopulationEngagement(counts, slot, 10);
  return recordPopulationEngagement(counts, THURSDAY_08, 500);
}

function profileWith(events: number, slot: number, utcOffsetMinutes = 0): SendTimeProfile {
  const profile = emptySendTimeProfile(utcOffsetMinutes);
  const engagements = [...profile.engagements];
  engagements[slot] = events;
  return { ...profile, engagements };
}

describe('estimateSlotShares', () => {
  it('gives a profile without data the population shares', () => {
    const shares = estimateSlotShares(emptySendTimeProfile(), population());
    const expected = populationShares(population());
    shares.forEach((share, slot) => expect(share).toBeCloseTo(expected[slot] ?? 0, 12));
  });

  it('gives a profile with lots of data its own shares', () => {
    const shares = estimateSlotShares(profileWith(100_000, TUESDAY_20), population());
    expect(shares[TUESDAY_20]).toBeGreaterThan(0.999);
  });

  it('moves from the population towards the profile as its events add up', () => {
    const atTuesday = [0, 2, 10, 100].map(
      (events) => estimateSlotShares(profileWith(events, TUESDAY_20), population())[TUESDAY_20],
    );
    expect(atTuesday).toEqual([...atTuesday].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(atTuesday[0]).toBeLessThan(0.01);
    expect(atTuesday[3]).toBeGreaterThan(0.75);
  });

  it('sums to one over the week', () => {
    const shares = estimateSlotShares(profileWith(7, TUESDAY_20), population());
    expect(shares.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 12);
  });

  it('rejects counts that are not 168 slots, naming the field', () => {
    const broken = { engagements: [1, 2, 3], utcOffsetMinutes: 0 };
    expect(() => estimateSlotShares(broken, population())).toThrow(/engagements/);
  });
});

describe('bestSendTime', () => {
  it('falls back to the population best slot for a new profile', () => {
    const choice = bestSendTime(emptySendTimeProfile(), population(), MONDAY);
    expect(choice).toMatchObject({ slot: THURSDAY_08, basis: 'population' });
    expect(choice.at).toBe(MONDAY + (3 * 24 + 8) * HOUR);
  });

  it('answers with the population below minEngagements and the profile from it on', () => {
    const few = bestSendTime(profileWith(2, TUESDAY_20), population(), MONDAY);
    const enough = bestSendTime(profileWith(40, TUESDAY_20), population(), MONDAY);
    expect(few).toMatchObject({ basis: 'population', slot: THURSDAY_08 });
    expect(enough).toMatchObject({ basis: 'profile', slot: TUESDAY_20 });
  });

  it('returns the next instant of the best local slot in the profile time zone', () => {
    // Tuesday 20:00 in Tokyo (+09:00) is Tuesday 11:00 UTC.
    const choice = bestSendTime(profileWith(40, TUESDAY_20, 540), population(), MONDAY);
    expect(choice.at).toBe(MONDAY + (24 + 11) * HOUR);
    // From Wednesday on, the next Tuesday evening is a week later.
    const later = bestSendTime(profileWith(40, TUESDAY_20, 540), population(), MONDAY + 48 * HOUR);
    expect(later.at).toBe(MONDAY + (7 * 24 + 24 + 11) * HOUR);
  });

  it('sends right away when `from` is already in the best slot', () => {
    const from = MONDAY + (24 + 20) * HOUR + 17 * 60_000;
    expect(bestSendTime(profileWith(40, TUESDAY_20), population(), from).at).toBe(from);
  });

  it('only considers slots within the horizon', () => {
    const choice = bestSendTime(profileWith(40, TUESDAY_20), population(), MONDAY, {
      withinHours: 24,
    });
    expect(choice.at).toBeLessThan(MONDAY + 24 * HOUR);
    expect(choice.slot).toBeLessThan(24);
  });

  it('counts recorded engagements in the local slot', () => {
    let profile = emptySendTimeProfile(-300);
    for (let week = 0; week < 5; week++) {
      profile = recordEngagement(profile, MONDAY + (week * 168 + 24 + 1) * HOUR); // Mon 20:00 local
    }
    expect(profile.engagements[20]).toBe(5);
    expect(bestSendTime(profile, population(), MONDAY)).toMatchObject({
      slot: 20,
      basis: 'profile',
    });
  });
});
