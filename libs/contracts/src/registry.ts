import { createHash } from 'node:crypto';

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
  /** Profiles identity erased for a data-subject request, in order with their resolved events. */
  profileErased: (partition: number) => `events.erased.${partition}`,
  profileUpdated: (partition: number) => `profile.updated.${partition}`,
  identityMerged: (partition: number) => `identity.merged.${partition}`,
  decisionMade: (partition: number) => `decision.made.${partition}`,
  segmentEntered: (partition: number) => `segment.entered.${partition}`,
  segmentExited: (partition: number) => `segment.exited.${partition}`,
  scoreUpdated: (partition: number) => `score.updated.${partition}`,
  message: (status: MessageStatus, channel: Channel, partition: number) =>
    `message.${status}.${channel}.${partition}`,
  deadLetter: (stream: StreamKey, consumer: string) => `dlq.${stream}.${consumer}`,
  /**
   * Calls kept off INGEST, by why and whose: `quarantine.<blocked|invalid>.<workspace token>`,
   * so one workspace's entries are read with a subject filter (quarantineFilters). Entries
   * written before the token existed are on `quarantine.<kind>`.
   */
  quarantine: (kind: 'blocked' | 'invalid', workspaceId: string) =>
    `quarantine.${kind}.${subjectToken(workspaceId)}`,
  /** Data-subject deletion requests, for every service to carry out (ingestion publishes them). */
  deletionRequested: () => 'privacy.deletion.requested',
  /** A service's confirmation that it carried out a deletion request; `service` names it. */
  deletionConfirmed: (service: string) => `privacy.deletion.confirmed.${subjectToken(service)}`,
} as const;

/** Relative subject filters over the QUARANTINE stream. */
export const quarantineFilters = {
  /** Every entry of one workspace, either kind. */
  workspace: (workspaceId: string) => `quarantine.*.${subjectToken(workspaceId)}`,
  /** Entries from before subjects named the workspace: all workspaces', told apart by envelope. */
  legacy: 'quarantine.*',
} as const;

const PLAIN_TOKEN = /^[A-Za-z0-9-][A-Za-z0-9_-]{0,63}$/;

/**
 * An id as one subject token: ids of letters, digits, `_` and `-` (not starting with `_`) as
 * they are, any other as `_` + the first 32 hex digits of its sha256, so `.`, `*`, `>` or a
 * space never reach a subject, and the two forms never meet. The token narrows a search; it
 * does not decide whose a message is (readers still check the envelope's workspaceId).
 */
export function subjectToken(id: string): string {
  if (PLAIN_TOKEN.test(id)) return id;
  return `_${createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 32)}`;
}

export type StreamKey =
  'INGEST' | 'EVENTS' | 'PROFILES' | 'DECISIONS' | 'MESSAGES' | 'DLQ' | 'QUARANTINE' | 'PRIVACY';

export interface StreamDefinition {
  readonly key: StreamKey;
  readonly subjects: readonly string[];
  readonly description: string;
  /** Window in which a repeated Nats-Msg-Id is dropped by the server. */
  readonly duplicateWindowMs: number;
  /** How long messages are kept; 0 keeps them until limits apply. */
  readonly maxAgeMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const streams: Readonly<Record<StreamKey, StreamDefinition>> = {
  INGEST: {
    key: 'INGEST',
    subjects: ['ingest.*'],
    description: 'Accepted Segment calls, partitioned by identity',
    // The server keeps every id of the window in memory, which at tens of thousands of calls a
    // second is gigabytes for hours; the INGEST_DEDUPE bucket is what covers 25 h. This window
    // only has to cover a call racing between the bucket look-up and its record.
    duplicateWindowMs: 10 * MINUTE,
    maxAgeMs: 7 * DAY,
  },
  EVENTS: {
    key: 'EVENTS',
    // events.resolved.<p> and events.erased.<p>: one pattern, so a consumer filtering
    // events.*.<p> reads both kinds of its partition in order and stays inside the stream.
    subjects: ['events.*.*'],
    description:
      'Calls resolved to a profile, and profiles erased for data-subject requests, in order per partition',
    duplicateWindowMs: 2 * HOUR,
    maxAgeMs: 7 * DAY,
  },
  PROFILES: {
    key: 'PROFILES',
    subjects: [
      'profile.updated.*',
      'identity.merged.*',
      'segment.entered.*',
      'segment.exited.*',
      'score.updated.*',
    ],
    description: 'Golden-record changes: profiles, merges, segment membership, scores',
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
    // `quarantine.<kind>.<workspace>`; `quarantine.<kind>` kept for entries written before.
    subjects: ['quarantine.*', 'quarantine.*.*'],
    description:
      'Calls ingestion kept off INGEST (blocked by the tracking plan or refused as invalid), as received, with their violations',
    duplicateWindowMs: 2 * HOUR,
    // Long enough for someone to review them and fix the plan or the sender.
    maxAgeMs: 30 * DAY,
  },
  PRIVACY: {
    key: 'PRIVACY',
    subjects: ['privacy.deletion.requested', 'privacy.deletion.confirmed.*'],
    description:
      'Data-subject deletion requests for every service to carry out, and each service confirmation',
    duplicateWindowMs: 2 * HOUR,
    // A service that is down for days must still find the request when it comes back.
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
    // Resolved events and erasures of the partition, in the order identity published them.
    filterSubject: 'events.*.{p}',
    partitioned: true,
    concurrency: 1,
    ...defaults,
  },
  /** Message lifecycle events (opens, clicks, silence) for engagement RFM and the models. */
  scoringMessages: {
    name: 'scoring-messages',
    stream: 'MESSAGES',
    filterSubject: 'message.*.*.{p}',
    partitioned: true,
    concurrency: 1,
    ...defaults,
  },
  orchestrationEvents: {
    name: 'orchestration-events',
    stream: 'EVENTS',
    // Resolved events and erasures of the partition, in the order identity published them.
    filterSubject: 'events.*.{p}',
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
  /**
   * Sender-email deletes the deliveries of erased profiles. It sends from every partition at
   * once, so it reads every partition's erasures on one consumer.
   */
  senderEmailErasures: {
    name: 'sender-email-erasures',
    stream: 'EVENTS',
    filterSubject: 'events.erased.*',
    partitioned: false,
    concurrency: 1,
    ...defaults,
  },
  /**
   * Identity finds the profiles a data-subject deletion request names and hands each to the
   * owner of its partition (profile.erasure.requested on INGEST); it writes no profile itself.
   */
  identityDeletions: {
    name: 'identity-deletions',
    stream: 'PRIVACY',
    filterSubject: 'privacy.deletion.requested',
    partitioned: false,
    concurrency: 2,
    ...defaults,
  },
  /** Ingestion records each service's deletion confirmation on its data-subject request. */
  ingestionDeletionConfirmations: {
    name: 'ingestion-deletion-confirmations',
    stream: 'PRIVACY',
    filterSubject: 'privacy.deletion.confirmed.*',
    partitioned: false,
    concurrency: 2,
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
