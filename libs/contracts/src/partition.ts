/**
 * Maps an identifier to one of `count` partitions with 32-bit FNV-1a. Ingestion and every
 * partition owner must agree on this function: changing it re-homes profiles.
 */
export function partitionOf(key: string, count: number): number {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`partition count must be a positive integer, got ${count}`);
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % count;
}

/**
 * The partition key of an incoming call: the user id when there is one (a known person
 * always lands on the same partition), else the anonymous id.
 */
export function partitionKeyOf(identifiers: {
  userId?: string | null;
  anonymousId?: string | null;
}): string {
  const key = identifiers.userId ?? identifiers.anonymousId;
  if (!key) throw new Error('a call needs a userId or an anonymousId to be partitioned');
  return identifiers.userId ? `user:${key}` : `anon:${key}`;
}
