import { testInfra, uniqueNamespace } from '@meridian/testing';
import { dropDatabase, openDatabase } from './connection';
import { measureRawUpsertRate } from './raw-upsert-baseline';

// Jest applies only the global testTimeout, not the preset's per-project one.
jest.setTimeout(30_000);

describe('measureRawUpsertRate on a real server', () => {
  const { mongoUrl } = testInfra();
  let database: string;

  beforeEach(() => {
    database = uniqueNamespace('rawupsert');
  });

  afterEach(async () => {
    await dropDatabase(mongoUrl, database);
  });

  it('inserts each id once, replaces it with $set after, and counts the measured upserts', async () => {
    const result = await measureRawUpsertRate({
      mongoUrl,
      database,
      collection: 'raw_profiles',
      // 20 documents, each written over and over: the first round inserts, the rest replace.
      document: (sequence) => ({
        _id: `doc-${String(sequence % 20).padStart(2, '0')}`,
        sequence,
        traits: { plan: 'pro' },
      }),
      batchSize: 10,
      inFlight: 1,
      warmupMs: 100,
      durationMs: 400,
    });

    expect(result.inserted).toBe(20);
    expect(result.total % 10).toBe(0);
    expect(result.upserts).toBeGreaterThan(0);
    expect(result.upserts).toBeLessThanOrEqual(result.total);
    expect(result.upserts % 10).toBe(0);
    expect(result.upsertsPerSecond).toBe((result.upserts * 1000) / 400);
    const handle = await openDatabase(mongoUrl, database);
    try {
      const stored = await handle.db
        .collection('raw_profiles')
        .find({}, { sort: { _id: 1 } })
        .toArray();
      expect(stored.map((document) => document['_id'])).toEqual(
        Array.from({ length: 20 }, (_, index) => `doc-${String(index).padStart(2, '0')}`),
      );
      expect(stored[0]).toMatchObject({ traits: { plan: 'pro' } });
      // Every document holds the last sequence written to it.
      expect(Math.max(...stored.map((document) => Number(document['sequence'])))).toBe(
        result.total - 1,
      );
    } finally {
      await handle.close();
    }
  });

  it('throws the first failed write instead of reporting a rate', async () => {
    await expect(
      measureRawUpsertRate({
        mongoUrl,
        database,
        collection: 'raw_profiles',
        // A field name starting with '$' is refused by the server.
        document: (sequence) => ({ _id: `doc-${sequence}`, $bad: 1 }),
        batchSize: 2,
        inFlight: 1,
        warmupMs: 0,
        durationMs: 200,
      }),
    ).rejects.toThrow(/raw upsert failed/);
  });

  it('refuses a batch size or window that is not a positive integer', async () => {
    const options = {
      mongoUrl,
      database,
      collection: 'raw_profiles',
      document: (sequence: number) => ({ _id: `doc-${sequence}` }),
      warmupMs: 0,
      durationMs: 10,
    };
    await expect(measureRawUpsertRate({ ...options, batchSize: 0, inFlight: 1 })).rejects.toThrow(
      /batchSize/,
    );
    await expect(measureRawUpsertRate({ ...options, batchSize: 1, inFlight: 1.5 })).rejects.toThrow(
      /inFlight/,
    );
  });
});
