import { Kvm } from '@nats-io/kv';
import { StorageType, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import type { BucketSpec } from './provisioning-specs';

export type BucketAction = 'created' | 'updated' | 'unchanged';

/**
 * Creates a key-value bucket, or brings an existing one's TTL and description to the
 * declared ones; `current` is the config of its stream when it exists. One value per key
 * (history 1): a dedupe store needs no history.
 */
export async function upsertBucket(
  jsm: JetStreamManager,
  spec: BucketSpec,
  current: StreamConfig | undefined,
): Promise<BucketAction> {
  if (current === undefined) {
    await new Kvm(jsm.jetstream()).create(spec.bucket, {
      history: 1,
      ttl: spec.ttlMs,
      description: spec.description,
      storage: StorageType.File,
    });
    return 'created';
  }
  const maxAge = nanos(spec.ttlMs);
  if (current.max_age === maxAge && (current.description ?? '') === spec.description) {
    return 'unchanged';
  }
  await jsm.streams.update(spec.stream, {
    ...current,
    max_age: maxAge,
    description: spec.description,
  });
  return 'updated';
}
