import type { AnyBulkWriteOperation } from 'mongodb';
import { connectClient } from './connection';

/**
 * The raw store baseline for benchmarks (tools/bench): how fast plain driver bulk upserts of
 * documents a service stores go against this store on this machine, so the service's own
 * throughput can be reported as a ratio against it in the same run. Lives here because the
 * MongoDB driver may only be imported inside this lib; nothing in the services uses it.
 */

/** One document of the run, keyed by its `_id`: inserted the first time, replaced after. */
export interface RawUpsertDocument {
  readonly _id: string;
  readonly [field: string]: unknown;
}

/** As the collection holds them. */
interface StoredDocument {
  _id: string;
  [field: string]: unknown;
}

export interface RawUpsertOptions {
  readonly mongoUrl: string;
  readonly database: string;
  /** A collection of its own: the run leaves its documents there. */
  readonly collection: string;
  /**
   * Called once per upsert; `sequence` counts from 0 over the whole run, warm-up included.
   * Every field but `_id` is written with `$set`, as a service's update of a whole record is.
   * The ids of the `inFlight` batches written at once must differ: two first upserts of one
   * id at the same moment both insert, and one fails with a duplicate key.
   */
  readonly document: (sequence: number) => RawUpsertDocument;
  /** Upserts per bulkWrite. */
  readonly batchSize: number;
  /**
   * bulkWrites awaiting their answer at once. Keep 1 on FerretDB 1.24 (SQLite): there,
   * concurrent bulkWrites of several upserts sometimes fail with a duplicate key on an `_id`
   * that exists, or lose an update, even when they write different documents.
   */
  readonly inFlight: number;
  readonly warmupMs: number;
  readonly durationMs: number;
}

export interface RawUpsertResult {
  /** Upserts of the bulkWrites answered inside the measured window (after the warm-up). */
  readonly upserts: number;
  readonly measuredMs: number;
  readonly upsertsPerSecond: number;
  /** Upserts that inserted a document, over the whole run (the rest replaced one). */
  readonly inserted: number;
  /** Every upsert of the run, warm-up included. */
  readonly total: number;
  /** This process's CPU time (user + system) per upsert, over the whole run. */
  readonly cpuMicrosPerUpsert: number;
}

/**
 * Sends unordered bulkWrites of `batchSize` upserts (`updateOne` by `_id` with `$set`,
 * `upsert: true`) for warm-up + duration over `inFlight` lanes, each awaiting its answer
 * before the next, and counts the upserts of the answers that arrive in the measured window.
 * The first failed write stops the run and is thrown: a baseline with failures is not one.
 */
export async function measureRawUpsertRate(options: RawUpsertOptions): Promise<RawUpsertResult> {
  positiveInteger('batchSize', options.batchSize);
  positiveInteger('inFlight', options.inFlight);
  const client = await connectClient(options.mongoUrl, { appName: 'meridian-bench-raw-upsert' });
  try {
    const collection = client.db(options.database).collection<StoredDocument>(options.collection);
    const cpuAtStart = process.cpuUsage();
    const measureFrom = performance.now() + options.warmupMs;
    const measureUntil = measureFrom + options.durationMs;
    let sequence = 0;
    let upserts = 0;
    let inserted = 0;
    let failure: unknown;

    const nextBatch = (): AnyBulkWriteOperation<StoredDocument>[] =>
      Array.from({ length: options.batchSize }, () => {
        const { _id, ...fields } = options.document(sequence);
        sequence += 1;
        return { updateOne: { filter: { _id }, update: { $set: fields }, upsert: true } };
      });
    const lane = async () => {
      while (failure === undefined && performance.now() < measureUntil) {
        const batch = nextBatch();
        try {
          const result = await collection.bulkWrite(batch, { ordered: false });
          inserted += result.upsertedCount;
        } catch (error) {
          failure ??= error;
          return;
        }
        const now = performance.now();
        if (now >= measureFrom && now < measureUntil) upserts += batch.length;
      }
    };
    await Promise.all(Array.from({ length: options.inFlight }, lane));
    if (failure !== undefined)
      throw new Error(
        `raw upsert failed: ${failure instanceof Error ? failure.message : String(failure)}`,
        { cause: failure },
      );
    const cpu = process.cpuUsage(cpuAtStart);
    return {
      upserts,
      measuredMs: options.durationMs,
      upsertsPerSecond: (upserts * 1000) / options.durationMs,
      inserted,
      total: sequence,
      cpuMicrosPerUpsert: sequence === 0 ? 0 : (cpu.user + cpu.system) / sequence,
    };
  } finally {
    await client.close();
  }
}

function positiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
}
