import { syntheticDataset } from './dataset';
import { PersonRecord } from './person-record';

describe('syntheticDataset', () => {
  const options = { seed: 4, profiles: 200, queries: 400, duplicateShare: 0.5 };

  it('is the same for the same seed', () => {
    expect(syntheticDataset(options)).toEqual(syntheticDataset(options));
    expect(syntheticDataset({ ...options, seed: 5 })).not.toEqual(syntheticDataset(options));
  });

  it('labels about the requested share of queries as duplicates of existing profiles', () => {
    const { profiles, queries } = syntheticDataset(options);
    const ids = new Set(profiles.map((profile) => profile.entityId));
    const duplicates = queries.filter((query) => query.truthId !== null);
    expect(duplicates.length / queries.length).toBeGreaterThan(0.4);
    expect(duplicates.length / queries.length).toBeLessThan(0.6);
    expect(duplicates.every((query) => ids.has(query.truthId ?? ''))).toBe(true);
  });

  it('produces records that pass the PersonRecord schema', () => {
    const { profiles, queries } = syntheticDataset(options);
    for (const record of [...profiles.map((p) => p.record), ...queries.map((q) => q.record)])
      expect(PersonRecord.safeParse(record).success).toBe(true);
  });
});
