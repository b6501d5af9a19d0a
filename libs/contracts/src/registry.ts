/**
 * The one registry of JetStream streams, subjects and durable consumers. Names here are
 * relative; a Namespace turns them into real ones ("meridian.ingest.3", "MERIDIAN_INGEST"),
 * so each test suite can run on its own prefix on a shared server.
 */

export const MESSAGE_STATUSES = [
  'requested',
  'sent',
  'delivered',
  'opened',
  'clicked',
  'skipped',
  'failed',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const CHANNELS = ['email', 'sms', 'push', 'webhook', 'inapp'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Relative subject names. Partitioned subjects end in the profile partition. */
export const subjects = {
  ingest: (partition: number) => `ingest.${partition}`,
  eventsResolved: (partition: number) => `events.resolved.${partition}`,
  profileUpdated: (partition: number) => `profile.updated.${partition}`,
  identityMerged: (partition: number) => `identity.merged.${partition}`,
  decisionMade: (partition: number) => `decision.made.${partition}`,
  message: (status: MessageStatus, channel: Channel, partition: number) =>
    `message.${status}.${channel}.${partition}`,
  deadLetter: (stream: StreamKey, consumer: string) => `dlq.${stream}.${consumer}`,
  /** Calls kept off INGEST, by why: `quarantine.blocked`, `quarantine.invalid`. */
  quarantine: (kind: 'blocked' | 'invalid') => `quarantine.${kind}`,
} as const;

export type StreamKey =
  'INGEST' | 'EVENTS' | 'PROFILES' | 'DECISIONS' | 'MESSAGES' | 'DLQ' | 'QUARANTINE';

export interface StreamDefinition {
  readonly key: StreamKey;
  readonly subjects: readonly string[];
  readonly description: string;
  /** Window in which a repeated Nats-Msg-Id is dropped by the server. */
  readonly duplicateWindowMs: number;
  /** How long messages are kept; 0 keeps them until limits apply. */
  readonly maxAgeMs: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const streams: Readonly<Record<StreamKey, StreamDefinition>> = {
  INGEST: {
    key: 'INGEST',
    subjects: ['ingest.*'],
    description: 'Accepted Segment calls, partitioned by identity',
    duplicateWindowMs: 2 * HOUR,
    maxAgeMs: 7 * DAY,
  },
  EVENTS: {
    key: 'EVENTS',
    subjects: ['events.resolved.*'],
    description: 'Calls resolved to a profile',
    duplicateWindowMs: 2 * HOUR,
    maxAgeMs: 7 * DAY,
  },
  PROFILES: {
    key: 'PROFILES',
    subjects: ['profile.updated.*', 'identity.merged.*'],
    description: 'Golden-record changes',
    duplicateWindowMs: 2 * HOUR,
    maxAgeMs: 7 * DAY,
  },
  DECISIONS: {
    key: 'DECISIONS',
    subjects: ['decision.made.*'],
    description: 'Orchestration decisions',
    duplicateWindowMs: 2 * HOUR,
    maxAgeMs: 7 * DAY,
  },
  MESSAGES: {
    key: 'MESSAGES',
    subjects: ['message.*.*.*'],
    description: 'Message lifecycle: requested, sent, delivered, opened, clicked, skipped, failed',
    duplicateWindowMs: 2 * HOUR,
    maxAgeMs: 14 * DAY,
  },
  DLQ: {
    key: 'DLQ',
    subjects: ['dlq.>'],
    description: 'Messages a consumer gave up on, with the reason in headers',
    duplicateWindowMs: 2 * HOUR,
    maxAgeMs: 30 * DAY,
  },
  QUARANTINE: {
    key: 'QUARANTINE',
    subjects: ['quarantine.*'],
    description:
      'Calls ingestion kept off INGEST (blocked by the tracking plan or refused as invalid), as received, with their violations',
    duplicateWindowMs: 2 * HOUR,
    // Long enough for someone to review them and fix the plan or the sender.
    maxAgeMs: 30 * DAY,
  },
};

export type BucketKey = 'INGEST_DEDUPE';

/** A JetStream key-value bucket: one value per key, each forgotten `ttlMs` after its last write. */
export interface KeyValueBucketDefinition {
  readonly key: BucketKey;
  readonly description: string;
  /** How long an entry lives after its last write (the bucket stream's max age). */
  readonly ttlMs: number;
}

export const keyValueBuckets: Readonly<Record<BucketKey, KeyValueBucketDefinition>> = {
  INGEST_DEDUPE: {
    key: 'INGEST_DEDUPE',
    description:
      'Calls ingestion accepted, by hash of (workspace, messageId): drops resent calls across instances for longer than the INGEST duplicate window',
    // Segment dedupes over 24 hours; the extra hour covers clock skew and late SDK retries.
    ttlMs: 25 * HOUR,
  },
};

export interface ConsumerDefinition {
  /** Durable name; partitioned consumers get "-p<partition>" appended. */
  readonly name: string;
  readonly stream: Exclude<StreamKey, 'DLQ' | 'QUARANTINE'>;
  /** Relative filter; for partitioned consumers "{p}" is replaced by the partition. */
  readonly filterSubject: string;
  /**
   * One durable consumer per partition, each processed by one owner at a time, so no two
   * writers ever touch the same profile document (single writer per profile).
   */
  readonly partitioned: boolean;
  readonly maxDeliver: number;
  readonly ackWaitMs: number;
  /** Handlers running at once per consumer; 1 for partitioned consumers. */
  readonly concurrency: number;
}

const defaults = { maxDeliver: 5, ackWaitMs: 30_000 } as const;

export const consumers = {
  identityIngest: {
    name: 'identity-ingest',
    stream: 'INGEST',
    filterSubject: 'ingest.{p}',
    partitioned: true,
    concurrency: 1,
    ...defaults,
  },
  identityMessages: {
    name: 'identity-messages',
    stream: 'MESSAGES',
    filterSubject: 'message.*.*.{p}',
    partitioned: true,
    concurrency: 1,
    ...defaults,
  },
  scoringEvents: {
    name: 'scoring-events',
    stream: 'EVENTS',
    filterSubject: 'events.resolved.{p}',
    partitioned: true,
    concurrency: 1,
    ...defaults,
  },
  orchestrationEvents: {
    name: 'orchestration-events',
    stream: 'EVENTS',
    filterSubject: 'events.resolved.{p}',
    partitioned: true,
    concurrency: 1,
    ...defaults,
  },
  senderEmail: {
    name: 'sender-email',
    stream: 'MESSAGES',
    filterSubject: 'message.requested.email.*',
    partitioned: false,
    concurrency: 8,
    ...defaults,
  },
} as const satisfies Record<string, ConsumerDefinition>;

export type ConsumerKey = keyof typeof consumers;

/** Real names for one namespace: subjects "<ns>.<rel>", streams "<NS>_<KEY>". */
export class Namespace {
  constructor(readonly name: string) {
    if (!/^[a-z][a-z0-9_]{0,30}$/.test(name)) throw new Error(`invalid namespace "${name}"`);
  }

  subject(relative: string): string {
    return `${this.name}.${relative}`;
  }

  stream(key: StreamKey): string {
    return `${this.name.toUpperCase()}_${key}`;
  }

  /** The real name of a key-value bucket ("MERIDIAN_INGEST_DEDUPE"; its stream is "KV_" + that). */
  bucket(key: BucketKey): string {
    return `${this.name.toUpperCase()}_${key}`;
  }

  /** The real durable name and filter of a consumer, for one partition when partitioned. */
  consumer(
    definition: ConsumerDefinition,
    partition?: number,
  ): { durable: string; filterSubject: string } {
    if (!definition.partitioned)
      return { durable: definition.name, filterSubject: this.subject(definition.filterSubject) };
    if (partition === undefined)
      throw new Error(`consumer ${definition.name} is partitioned: a partition is required`);
    return {
      durable: `${definition.name}-p${partition}`,
      filterSubject: this.subject(definition.filterSubject.replace('{p}', String(partition))),
    };
  }
}
