import {
  BaseRepository,
  measureRawUpsertRate,
  openDatabase,
  type RawUpsertDocument,
} from '@meridian/persistence';
import { workerMain } from '../worker-main';
import { RawUpserterInput, type RawUpserterOutput } from './protocol';

/** A profile as identity stored it; copied as it is, whatever its fields. */
interface StoredProfile {
  readonly _id: string;
  readonly workspaceId: string;
  readonly [field: string]: unknown;
}

// Worker process of the identity benchmark's baseline: reads a sample of the profiles identity
// stored and bulk-upserts copies of them (a new _id each, and a new revision and updatedAt on
// every write, as identity's own writes change them) into a collection of the same database
// with the driver through @meridian/persistence, and prints the upsert rate.
workerMain(RawUpserterInput, async (input): Promise<RawUpserterOutput> => {
  const sample = await readSample(input);
  if (input.documents < input.batchSize * input.inFlight)
    throw new RangeError(
      `${input.documents} documents cannot fill ${input.inFlight} batches of ${input.batchSize} distinct ids`,
    );
  const documentBytes =
    sample.reduce((sum, profile) => sum + Buffer.byteLength(JSON.stringify(profile)), 0) /
    sample.length;
  const result = await measureRawUpsertRate({
    mongoUrl: input.mongoUrl,
    database: input.database,
    collection: input.targetCollection,
    batchSize: input.batchSize,
    inFlight: input.inFlight,
    warmupMs: input.warmupMs,
    durationMs: input.durationMs,
    document: (sequence): RawUpsertDocument => {
      const source = sample[sequence % sample.length];
      if (source === undefined) throw new RangeError(`no sampled profile for upsert ${sequence}`);
      return {
        ...source,
        _id: `raw-${sequence % input.documents}`,
        revision: sequence + 1,
        updatedAt: new Date().toISOString(),
      };
    },
  });
  return { ...result, sampled: sample.length, documentBytes };
});

async function readSample(input: RawUpserterInput): Promise<StoredProfile[]> {
  const handle = await openDatabase(input.mongoUrl, input.database, {
    appName: 'meridian-bench-raw-upsert',
  });
  try {
    const profiles = new BaseRepository<StoredProfile>(handle.db, input.sourceCollection);
    const sample = await profiles.find(
      input.workspaceId,
      {},
      { sort: { _id: 1 }, limit: input.sampleSize },
    );
    if (sample.length === 0)
      throw new Error(`identity stored no profile in ${input.database}.${input.sourceCollection}`);
    return sample;
  } finally {
    await handle.close();
  }
}
