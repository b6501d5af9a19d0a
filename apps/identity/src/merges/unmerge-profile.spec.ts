import { DEFAULT_SURVIVORSHIP, emptyProfile, type Profile } from '../profiles';
import { absorbProfile } from './absorb-profile';
import { mergeRecordOf, remembering, unmergeProfile } from './unmerge-profile';

const NOW = '2025-06-01T00:00:00.000Z';
const lineage = (trait: string, eventId: string, at: string) => ({
  trait,
  sourceId: 'web',
  eventId,
  at,
});

function profile(profileId: string, fields: Partial<Profile>): Profile {
  return {
    ...emptyProfile({ profileId, workspaceId: 'ws', partition: 0, now: NOW }),
    revision: 2,
    ...fields,
  };
}

const survivor = profile('p-user', {
  identifiers: [{ type: 'userId', value: 'u1' }],
  traits: { plan: 'free', name: 'Kim' },
  traitLineage: [lineage('plan', 'e-user', '2025-01-01T00:00:00.000Z')],
  computed: {
    ...emptyProfile({ profileId: 'x', workspaceId: 'ws', partition: 0, now: NOW }).computed,
    eventCounts: [{ name: 'Order Completed', count: 1 }],
  },
  timeline: [{ id: 'e-user', type: 'track', event: 'Order Completed', timestamp: NOW }],
});
const absorbed = profile('p-anon', {
  identifiers: [{ type: 'anonymousId', value: 'a1' }],
  traits: { plan: 'pro', city: 'Leeds' },
  traitLineage: [
    lineage('plan', 'e-anon', '2025-03-01T00:00:00.000Z'),
    lineage('city', 'e-anon', '2025-03-01T00:00:00.000Z'),
  ],
  computed: {
    ...emptyProfile({ profileId: 'y', workspaceId: 'ws', partition: 0, now: NOW }).computed,
    eventCounts: [
      { name: 'Order Completed', count: 2 },
      { name: 'Viewed', count: 1 },
    ],
  },
  timeline: [{ id: 'e-anon', type: 'identify', event: null, timestamp: NOW }],
});

function mergedThenSplit(
  adjust: (merged: Profile) => Profile = (merged) => merged,
  parties: { survivor: Profile; absorbed: Profile } = { survivor, absorbed },
) {
  const merged = absorbProfile(
    parties.survivor,
    parties.absorbed,
    'merge-1',
    DEFAULT_SURVIVORSHIP,
    NOW,
  ).profile;
  const record = mergeRecordOf(parties.survivor, merged, parties.absorbed, 'merge-1', NOW);
  const remembered = adjust(remembering(merged, record));
  const [kept] = remembered.mergeHistory;
  if (kept === undefined) throw new Error('the merge was not remembered');
  return unmergeProfile(remembered, kept, parties.absorbed, 'unmerge-1', NOW).profile;
}

const consent = (category: string, granted: boolean, at: string, sourceId: string) => ({
  category,
  granted,
  at,
  sourceId,
});
// The survivor agreed to marketing; the absorbed device later refused it, agreed to analytics
// and unsubscribed from email.
const consenting = {
  survivor: {
    ...survivor,
    consent: [consent('marketing', true, '2025-01-01T00:00:00.000Z', 'web')],
  },
  absorbed: {
    ...absorbed,
    consent: [
      consent('marketing', false, '2025-03-01T00:00:00.000Z', 'app'),
      consent('analytics', true, '2025-03-01T00:00:00.000Z', 'app'),
    ],
    subscriptions: [
      {
        channel: 'email' as const,
        state: 'unsubscribed' as const,
        at: '2025-03-01T00:00:00.000Z',
        source: 'app',
      },
    ],
  },
};

describe('merge records and unmergeProfile', () => {
  it('remembers the identifiers a merge added and the traits it changed, as they were', () => {
    const merged = absorbProfile(survivor, absorbed, 'merge-1', DEFAULT_SURVIVORSHIP, NOW).profile;

    const record = mergeRecordOf(survivor, merged, absorbed, 'merge-1', NOW);

    expect(record.addedIdentifiers).toEqual([{ type: 'anonymousId', value: 'a1' }]);
    expect(record.traitsBefore).toEqual([
      {
        trait: 'plan',
        present: true,
        value: 'free',
        lineage: lineage('plan', 'e-user', '2025-01-01T00:00:00.000Z'),
      },
      { trait: 'city', present: false, value: null, lineage: null },
    ]);
  });

  it('gives back what the absorbed profile brought: identifiers, traits, counts and timeline', () => {
    const split = mergedThenSplit();

    expect(split.identifiers).toEqual([{ type: 'userId', value: 'u1' }]);
    expect(split.traits).toEqual({ plan: 'free', name: 'Kim' });
    expect(split.computed.eventCounts).toEqual([{ name: 'Order Completed', count: 1 }]);
    expect(split.timeline.map((entry) => entry.id)).toEqual(['e-user']);
    expect(split.mergeHistory).toEqual([]);
    expect(split.separatedFrom).toEqual(['p-anon']);
  });

  it('keeps a trait the survivor set itself after the merge', () => {
    const split = mergedThenSplit((merged) => ({
      ...merged,
      traits: { ...merged.traits, plan: 'enterprise' },
      traitLineage: [
        ...merged.traitLineage.filter((entry) => entry.trait !== 'plan'),
        lineage('plan', 'e-later', '2025-05-01T00:00:00.000Z'),
      ],
    }));

    expect(split.traits['plan']).toBe('enterprise');
    expect(split.traits).not.toHaveProperty('city');
  });

  it("gives back the survivor's own consent where the absorbed profile's newer word replaced it, and drops what only the absorbed profile said", () => {
    const split = mergedThenSplit(undefined, consenting);

    expect(split.consent).toEqual([consent('marketing', true, '2025-01-01T00:00:00.000Z', 'web')]);
    expect(split.subscriptions).toEqual([]);
  });

  it('keeps consent the survivor gave itself after the merge', () => {
    const later = consent('marketing', false, '2025-05-01T00:00:00.000Z', 'web');
    const split = mergedThenSplit(
      (merged) => ({
        ...merged,
        consent: merged.consent.map((entry) => (entry.category === 'marketing' ? later : entry)),
      }),
      consenting,
    );

    expect(split.consent).toEqual([later]);
  });

  it('leaves consent as it is when the merge was recorded before consent was remembered', () => {
    const split = mergedThenSplit(
      (merged) => ({
        ...merged,
        mergeHistory: merged.mergeHistory.map((record) => ({
          ...record,
          consentBefore: null,
          subscriptionsBefore: null,
        })),
      }),
      consenting,
    );

    expect(split.consent.map((entry) => [entry.category, entry.granted]).sort()).toEqual([
      ['analytics', true],
      ['marketing', false],
    ]);
    expect(split.subscriptions).toHaveLength(1);
  });
});
