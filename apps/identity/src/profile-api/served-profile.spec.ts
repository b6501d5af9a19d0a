import { emptyProfile, toGoldenRecord } from '../profiles';
import { ServedProfile } from './served-profile';

function goldenRecord(traits: Record<string, string>) {
  const profile = emptyProfile({
    profileId: 'p_1',
    workspaceId: 'ws_1',
    partition: 0,
    now: '2026-11-24T08:00:00.000Z',
  });
  return toGoldenRecord({ ...profile, traits, revision: 3 });
}

describe('ServedProfile', () => {
  it('answers the record as its UTF-8 JSON', () => {
    const record = goldenRecord({ firstName: 'Zoë' });

    expect(JSON.parse(new ServedProfile(record).json.toString('utf8'))).toEqual(record);
  });

  it('serialises once and answers the same bytes on every read', () => {
    const served = new ServedProfile(goldenRecord({}));

    expect(served.json).toBe(served.json);
  });
});
