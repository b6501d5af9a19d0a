import { join } from 'node:path';
import { z } from 'zod';

/** What the identity benchmark passes to its raw baseline worker and reads back. */

export const RAW_UPSERTER_SCRIPT = join(__dirname, 'raw-upserter.ts');

const positive = z.number().int().positive();
const milliseconds = z.number().nonnegative();

export const RawUpserterInput = z.object({
  mongoUrl: z.string().min(1),
  /** The benchmark's database: identity's profiles are read there, the copies written there. */
  database: z.string().min(1),
  workspaceId: z.string().min(1),
  /** Identity's profiles collection, where the documents to copy are read. */
  sourceCollection: z.string().min(1),
  /** A collection of the baseline's own in the same database. */
  targetCollection: z.string().min(1),
  /** Stored profiles read and copied in turn (the first ones by id: any mix of people). */
  sampleSize: positive,
  /** Distinct documents written: the first upsert of each inserts it, the later ones replace it. */
  documents: positive,
  batchSize: positive,
  inFlight: positive,
  warmupMs: milliseconds,
  durationMs: milliseconds,
});
export type RawUpserterInput = z.infer<typeof RawUpserterInput>;

export const RawUpserterOutput = z.object({
  upserts: z.number(),
  measuredMs: z.number(),
  upsertsPerSecond: z.number(),
  inserted: z.number(),
  total: z.number(),
  cpuMicrosPerUpsert: z.number(),
  /** Profiles read to copy. */
  sampled: z.number(),
  /** Mean size of those profiles as JSON, in bytes: the size of what both sides write. */
  documentBytes: z.number(),
});
export type RawUpserterOutput = z.infer<typeof RawUpserterOutput>;
