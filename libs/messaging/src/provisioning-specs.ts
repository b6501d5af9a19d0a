import {
  consumers as registryConsumers,
  keyValueBuckets,
  streams,
  type BucketKey,
  type ConsumerDefinition,
  type Namespace,
} from '@meridian/contracts';
import {
  AckPolicy,
  DeliverPolicy,
  StorageType,
  type ConsumerConfig,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { ADVISORY_CONSUMER, advisoryStreamName, advisorySubjects } from './names';

const DAY_MS = 24 * 3_600_000;

/** The stream settings provisioning owns; anything else on a stream is left as the server has it. */
export type StreamSpec = Pick<
  StreamConfig,
  'name' | 'subjects' | 'description' | 'storage' | 'duplicate_window' | 'max_age'
>;

/** The consumer settings provisioning owns. */
export type ConsumerSpec = { readonly stream: string } & Pick<
  ConsumerConfig,
  | 'durable_name'
  | 'description'
  | 'ack_policy'
  | 'deliver_policy'
  | 'ack_wait'
  | 'max_deliver'
  | 'filter_subject'
>;

/** Every stream of the registry in this namespace, then the advisory stream. */
export function streamSpecs(namespace: Namespace): StreamSpec[] {
  const declared = Object.values(streams).map((definition) => ({
    name: namespace.stream(definition.key),
    subjects: definition.subjects.map((subject) => namespace.subject(subject)),
    description: definition.description,
    storage: StorageType.File,
    duplicate_window: nanos(definition.duplicateWindowMs),
    max_age: nanos(definition.maxAgeMs),
  }));
  const advisories: StreamSpec = {
    name: advisoryStreamName(namespace),
    subjects: advisorySubjects(namespace),
    description:
      'MAX_DELIVERIES advisories of this namespace, turned into dead letters by the transport',
    storage: StorageType.File,
    duplicate_window: nanos(2 * 60_000),
    max_age: nanos(30 * DAY_MS),
  };
  return [...declared, advisories];
}

/** The key-value bucket settings provisioning owns. */
export interface BucketSpec {
  /** Bucket name, e.g. "ACME_INGEST_DEDUPE". */
  readonly bucket: string;
  /** The stream behind it, "KV_" + bucket. */
  readonly stream: string;
  readonly description: string;
  readonly ttlMs: number;
}

/** The stream JetStream keeps a key-value bucket in. */
export function bucketStreamName(bucket: string): string {
  return `KV_${bucket}`;
}

/** Every key-value bucket of the registry in this namespace, with TTLs overridden where asked. */
export function bucketSpecs(
  namespace: Namespace,
  ttlOverridesMs: Partial<Readonly<Record<BucketKey, number>>> = {},
): BucketSpec[] {
  return Object.values(keyValueBuckets).map((definition) => {
    const bucket = namespace.bucket(definition.key);
    return {
      bucket,
      stream: bucketStreamName(bucket),
      description: definition.description,
      ttlMs: ttlOverridesMs[definition.key] ?? definition.ttlMs,
    };
  });
}

/** Every durable consumer: partitioned ones once per partition 0..partitions-1, then the advisory one. */
export function consumerSpecs(
  namespace: Namespace,
  partitions: number,
  definitions: readonly ConsumerDefinition[] = Object.values(registryConsumers),
): ConsumerSpec[] {
  const declared = definitions.flatMap((definition) => {
    const owners = definition.partitioned
      ? Array.from({ length: partitions }, (_, partition) => partition)
      : [undefined];
    return owners.map((partition) => {
      const { durable, filterSubject } = namespace.consumer(definition, partition);
      return consumerSpec(
        namespace.stream(definition.stream),
        durable,
        filterSubject,
        definition.maxDeliver,
        definition.ackWaitMs,
      );
    });
  });
  // Unlimited deliveries: an advisory is the last trace of a lost message, so it is retried
  // (with the transport's growing nak delay) until its dead letter is written.
  const advisory = consumerSpec(advisoryStreamName(namespace), ADVISORY_CONSUMER, '', -1, 30_000);
  return [...declared, advisory];
}

function consumerSpec(
  stream: string,
  durable: string,
  filterSubject: string,
  maxDeliver: number,
  ackWaitMs: number,
): ConsumerSpec {
  return {
    stream,
    durable_name: durable,
    description: `Meridian durable ${durable}`,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(ackWaitMs),
    max_deliver: maxDeliver,
    ...(filterSubject ? { filter_subject: filterSubject } : {}),
  };
}
