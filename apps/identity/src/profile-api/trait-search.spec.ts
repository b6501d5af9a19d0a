import { traitSearchIndexes, traitValueCandidates } from './trait-search';

describe('trait search', () => {
  it('matches a value as a string and as the number or boolean it spells', () => {
    expect(traitValueCandidates('pro')).toEqual(['pro']);
    expect(traitValueCandidates('42')).toEqual(['42', 42]);
    expect(traitValueCandidates('-1.5e3')).toEqual(['-1.5e3', -1500]);
    expect(traitValueCandidates('true')).toEqual(['true', true]);
    expect(traitValueCandidates('007')).toEqual(['007']);
    expect(traitValueCandidates('1e999')).toEqual(['1e999']);
  });

  it('indexes each searchable trait with the workspace and the id cursor', () => {
    expect(traitSearchIndexes('profiles', ['plan'])).toEqual({
      name: 'profiles',
      indexes: [{ name: 'trait_plan', key: { workspaceId: 1, 'traits.plan': 1, _id: 1 } }],
    });
  });
});
