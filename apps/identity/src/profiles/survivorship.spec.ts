import {
  DEFAULT_SURVIVORSHIP,
  incomingWins,
  survivingTraits,
  type SurvivorshipRule,
  type TraitLineage,
  type TraitValue,
} from './survivorship';

const lineage = (at: string, sourceId = 'web', trait = 'plan'): TraitLineage => ({
  trait,
  sourceId,
  eventId: `evt-${at}`,
  at,
});
const value = (v: unknown, at: string | null, sourceId = 'web'): TraitValue => ({
  value: v,
  lineage: at === null ? null : lineage(at, sourceId),
});
const JAN = '2025-01-01T00:00:00.000Z';
const FEB = '2025-02-01T00:00:00.000Z';

describe('incomingWins', () => {
  const wins = (rule: SurvivorshipRule, current: TraitValue, incoming: TraitValue) =>
    incomingWins(rule, current, incoming);

  it('mostRecent keeps the value of the later event, whatever order they arrive in', () => {
    expect(wins({ rule: 'mostRecent' }, value('pro', FEB), value('free', JAN))).toBe(false);
    expect(wins({ rule: 'mostRecent' }, value('free', JAN), value('pro', FEB))).toBe(true);
  });

  it('firstSeen keeps the value of the earlier event', () => {
    expect(wins({ rule: 'firstSeen' }, value('a', JAN), value('b', FEB))).toBe(false);
    expect(wins({ rule: 'firstSeen' }, value('b', FEB), value('a', JAN))).toBe(true);
  });

  it('max and min compare values, and fall back to the most recent for mixed types', () => {
    expect(wins({ rule: 'max' }, value(10, FEB), value(7, JAN))).toBe(false);
    expect(wins({ rule: 'max' }, value(7, FEB), value(10, JAN))).toBe(true);
    expect(wins({ rule: 'min' }, value(7, JAN), value(10, FEB))).toBe(false);
    expect(wins({ rule: 'max' }, value('x', JAN), value(3, FEB))).toBe(true);
  });

  it('nonEmpty never replaces a value with an empty one', () => {
    expect(wins({ rule: 'nonEmpty' }, value('Ann', JAN), value('  ', FEB))).toBe(false);
    expect(wins({ rule: 'nonEmpty' }, value(null, JAN), value('Ann', FEB))).toBe(true);
  });

  it('nonEmpty keeps the most recent of two non-empty values, whichever arrives last', () => {
    expect(wins({ rule: 'nonEmpty' }, value('Ann', FEB), value('Anne', JAN))).toBe(false);
    expect(wins({ rule: 'nonEmpty' }, value('Ann', JAN), value('Anne', FEB))).toBe(true);
    expect(wins({ rule: 'nonEmpty' }, value('Ann', FEB), value(null, JAN))).toBe(false);
  });

  it('trustedSource prefers the more trusted source, then the more recent', () => {
    const rule: SurvivorshipRule = { rule: 'trustedSource', sources: ['crm', 'web'] };
    expect(wins(rule, value('crm-name', JAN, 'crm'), value('web-name', FEB, 'web'))).toBe(false);
    expect(wins(rule, value('web-name', FEB, 'web'), value('crm-name', JAN, 'crm'))).toBe(true);
    expect(wins(rule, value('a', JAN, 'unlisted'), value('b', FEB, 'unlisted'))).toBe(true);
  });

  it('treats a value without lineage as older than any with one', () => {
    expect(wins({ rule: 'mostRecent' }, value('old', null), value('new', JAN))).toBe(true);
  });
});

describe('survivingTraits', () => {
  it('decides trait by trait, keeps the winning lineage and names what changed', () => {
    const rules = {
      ...DEFAULT_SURVIVORSHIP,
      byTrait: new Map<string, SurvivorshipRule>([['ltv', { rule: 'max' }]]),
    };
    const result = survivingTraits(
      rules,
      {
        traits: { plan: 'pro', ltv: 300, name: 'Ann' },
        lineage: [lineage(FEB, 'web', 'plan'), lineage(JAN, 'web', 'ltv')],
      },
      {
        traits: { plan: 'free', ltv: 500, city: 'Leeds' },
        lineage: [
          lineage(JAN, 'app', 'plan'),
          lineage(JAN, 'app', 'ltv'),
          lineage(JAN, 'app', 'city'),
        ],
      },
    );

    expect(result.traits).toEqual({ plan: 'pro', ltv: 500, name: 'Ann', city: 'Leeds' });
    expect(result.changed.sort()).toEqual(['city', 'ltv']);
    expect(result.lineage.find((entry) => entry.trait === 'plan')?.sourceId).toBe('web');
    expect(result.lineage.find((entry) => entry.trait === 'ltv')?.sourceId).toBe('app');
  });
});
