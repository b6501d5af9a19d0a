import { Namespace, type BucketKey, type ConsumerDefinition } from '@meridian/contracts';
import {
  JetStreamApiCodes,
  JetStreamApiError,
  type ConsumerConfig,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { describeError } from './errors';
import { upsertBucket } from './provision-buckets';
import {
  bucketSpecs,
  consumerSpecs,
  streamSpecs,
  type ConsumerSpec,
  type StreamSpec,
} from './provisioning-specs';

export type ProvisionAction = 'created' | 'updated' | 'unchanged';

export interface ProvisionChange {
  readonly kind: 'stream' | 'consumer' | 'bucket';
  /** Stream name, "<stream>/<durable>" for a consumer, the bucket name for a key-value bucket. */
  readonly name: string;
  readonly action: ProvisionAction;
}

export interface ProvisionReport {
  readonly namespace: string;
  readonly changes: readonly ProvisionChange[];
}

export interface ProvisionOptions {
  readonly jsm: JetStreamManager;
  readonly namespace: string;
  /** Number of profile partitions; one durable per partition for partitioned consumers. */
  readonly partitions: number;
  /** The consumers to declare; the registry's by default (tests shorten ack waits this way). */
  readonly consumers?: readonly ConsumerDefinition[];
  /**
   * Key-value bucket TTLs other than the registry's, e.g. a longer ingest dedupe window
   * (ingestion's INGEST_DEDUPE_WINDOW_HOURS must not exceed its bucket's TTL).
   */
  readonly bucketTtlMs?: Partial<Readonly<Record<BucketKey, number>>>;
}

/**
 * Creates or updates every stream, key-value bucket and durable consumer of a namespace from
 * the registry, and reports what it did. Idempotent: a second run changes nothing and reports "unchanged".
 */
export async function provisionNamespace(options: ProvisionOptions): Promise<ProvisionReport> {
  if (!Number.isInteger(options.partitions) || options.partitions < 1)
    throw new Error(`partitions must be a positive integer, got ${options.partitions}`);
  const namespace = new Namespace(options.namespace);
  const changes: ProvisionChange[] = [];
  for (const spec of streamSpecs(namespace)) {
    changes.push({
      kind: 'stream',
      name: spec.name,
      action: await upsertStream(options.jsm, spec),
    });
  }
  for (const spec of bucketSpecs(namespace, options.bucketTtlMs)) {
    const current = await orUndefinedIfMissing(() => options.jsm.streams.info(spec.stream));
    const action = await upsertBucket(options.jsm, spec, current?.config);
    changes.push({ kind: 'bucket', name: spec.bucket, action });
  }
  for (const spec of consumerSpecs(namespace, options.partitions, options.consumers)) {
    changes.push({
      kind: 'consumer',
      name: `${spec.stream}/${spec.durable_name}`,
      action: await upsertConsumer(options.jsm, spec),
    });
  }
  return { namespace: namespace.name, changes };
}

/**
 * Deletes every stream of a namespace, its key-value buckets' included (consumers go with
 * their streams); for test clean-up. Returns the stream names deleted.
 */
export async function deleteNamespace(options: {
  readonly jsm: JetStreamManager;
  readonly namespace: string;
}): Promise<string[]> {
  const deleted: string[] = [];
  const namespace = new Namespace(options.namespace);
  const names = [
    ...streamSpecs(namespace).map((spec) => spec.name),
    ...bucketSpecs(namespace).map((spec) => spec.stream),
  ];
  for (const name of names) {
    try {
      await options.jsm.streams.delete(name);
      deleted.push(name);
    } catch (error) {
      if (!isNotFound(error))
        throw new Error(`deleting stream ${name} failed: ${describeError(error)}`, {
          cause: error,
        });
    }
  }
  return deleted;
}

async function upsertStream(jsm: JetStreamManager, spec: StreamSpec): Promise<ProvisionAction> {
  const current = await orUndefinedIfMissing(() => jsm.streams.info(spec.name));
  if (!current) {
    await jsm.streams.add(spec);
    return 'created';
  }
  if (current.config.storage !== spec.storage) {
    throw new Error(
      `stream ${spec.name} uses ${current.config.storage} storage, ${spec.storage} is declared: storage cannot change in place`,
    );
  }
  if (sameStream(current.config, spec)) return 'unchanged';
  await jsm.streams.update(spec.name, { ...current.config, ...spec });
  return 'updated';
}

async function upsertConsumer(jsm: JetStreamManager, spec: ConsumerSpec): Promise<ProvisionAction> {
  const { stream, ...config } = spec;
  const current = await orUndefinedIfMissing(() =>
    jsm.consumers.info(stream, config.durable_name ?? ''),
  );
  if (!current) {
    await jsm.consumers.add(stream, config);
    return 'created';
  }
  if (
    current.config.ack_policy !== config.ack_policy ||
    current.config.deliver_policy !== config.deliver_policy
  ) {
    throw new Error(
      `consumer ${config.durable_name} on ${stream} has a different ack or deliver policy, which cannot change in place: delete it first`,
    );
  }
  if (sameConsumer(current.config, config)) return 'unchanged';
  await jsm.consumers.update(stream, config.durable_name ?? '', {
    description: config.description,
    ack_wait: config.ack_wait,
    max_deliver: config.max_deliver,
    filter_subject: config.filter_subject,
  });
  return 'updated';
}

function sameStream(current: StreamConfig, spec: StreamSpec): boolean {
  return (
    sameSet(current.subjects, spec.subjects) &&
    (current.description ?? '') === (spec.description ?? '') &&
    current.duplicate_window === spec.duplicate_window &&
    current.max_age === spec.max_age
  );
}

function sameConsumer(current: ConsumerConfig, spec: Omit<ConsumerSpec, 'stream'>): boolean {
  return (
    (current.description ?? '') === (spec.description ?? '') &&
    current.ack_wait === spec.ack_wait &&
    current.max_deliver === spec.max_deliver &&
    (current.filter_subject ?? '') === (spec.filter_subject ?? '')
  );
}

function sameSet(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const left = [...(a ?? [])].sort();
  const right = [...(b ?? [])].sort();
  return left.length === right.length && left.every((value, index) => value === right[index]);
}

function isNotFound(error: unknown): boolean {
  return (
    error instanceof JetStreamApiError &&
    (error.code === JetStreamApiCodes.StreamNotFound ||
      error.code === JetStreamApiCodes.ConsumerNotFound)
  );
}

async function orUndefinedIfMissing<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
