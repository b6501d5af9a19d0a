import { KeyValueCallDedupe } from './key-value-call-dedupe';

const HOUR = 3_600_000;
const dedupeWithBucketTtl = (ttl: () => Promise<number | undefined>) =>
  new KeyValueCallDedupe(
    { seen: async () => new Set(), record: async () => undefined, bucketTtlMs: ttl },
    25 * HOUR,
  );

describe('KeyValueCallDedupe.bucketProblem', () => {
  it('finds none when the bucket remembers at least as long as the window', async () => {
    expect(await dedupeWithBucketTtl(async () => 25 * HOUR).bucketProblem()).toBeNull();
  });

  it('says the bucket is missing when the namespace was not provisioned', async () => {
    expect(await dedupeWithBucketTtl(async () => undefined).bucketProblem()).toMatch(
      /does not exist/,
    );
  });

  it('says when the bucket forgets sooner than the configured window', async () => {
    expect(await dedupeWithBucketTtl(async () => 24 * HOUR).bucketProblem()).toMatch(
      /less than INGEST_DEDUPE_WINDOW_HOURS/,
    );
  });

  it('says why the bucket could not be read', async () => {
    const failing = dedupeWithBucketTtl(async () => {
      throw new Error('timeout');
    });
    expect(await failing.bucketProblem()).toMatch(/cannot read the dedupe bucket: timeout/);
  });
});
