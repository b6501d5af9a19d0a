import { Namespace, type BucketKey } from '@meridian/contracts';
import {
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { bucketStreamName } from './provisioning-specs';

/** Where the store gets its NATS clients; NatsClient in services. */
export interface KeyValueSource {
  readonly connection: NatsConnection;
  readonly jetstream: JetStreamClient;
  readonly manager: JetStreamManager;
}

export interface DedupeStoreSettings {
  readonly namespace: string;
  readonly bucket: BucketKey;
  /**
   * How long a recorded key counts as seen. Entries older than this are ignored even while
   * the bucket still holds them, so the window can be shorter than the bucket's TTL.
   */
  readonly windowMs: number;
  /** Milliseconds since the epoch; specs move it. */
  readonly clock?: () => number;
}

/** Keys asked for in one batched direct get, so a batch of thousands is a few requests. */
const KEYS_PER_LOOKUP = 256;

/** Header the key-value layer sets on deletes and purges; a plain put has none. */
const KV_OPERATION = 'KV-Operation';

/** What a key-value key may look like (letters, digits, `-_=/.`, not starting or ending with a dot). */
const VALID_KEY = /^[-/=\w]+(\.[-/=\w]+)*$/;

/**
 * "Was this already accepted?" for any number of service instances: keys live in a
 * JetStream key-value bucket that provisioning creates (services never create it) and whose
 * TTL forgets them. Keys must be valid KV keys: callers pass hashes, never raw client input.
 * Every method rejects when the bucket is missing or NATS does not answer.
 */
export class KeyValueDedupeStore {
  private readonly bucketName: string;
  private readonly streamName: string;
  private readonly clock: () => number;

  constructor(
    private readonly source: KeyValueSource,
    private readonly settings: DedupeStoreSettings,
  ) {
    this.bucketName = new Namespace(settings.namespace).bucket(settings.bucket);
    this.streamName = bucketStreamName(this.bucketName);
    this.clock = settings.clock ?? Date.now;
  }

  /**
   * The keys among `keys` recorded within the window. One batched direct get (JetStream ≥
   * 2.11, `multi_last`) answers up to KEYS_PER_LOOKUP keys: a key-value `get` per key made
   * dedupe three round trips per event, and the lookups dominated ingestion's CPU.
   */
  async seen(keys: readonly string[]): Promise<Set<string>> {
    assertValidKeys(keys);
    const now = this.clock();
    const found = new Set<string>();
    for (let start = 0; start < keys.length; start += KEYS_PER_LOOKUP) {
      const subjects = keys.slice(start, start + KEYS_PER_LOOKUP).map((key) => this.subjectOf(key));
      for await (const stored of await this.lastMessagesFor(subjects)) {
        // A deleted or purged key carries KV-Operation; a recorded one has none.
        const live = (stored.header?.get(KV_OPERATION) ?? '') === '';
        if (live && now - stored.time.getTime() < this.settings.windowMs) {
          found.add(stored.subject.slice(this.subjectOf('').length));
        }
      }
    }
    return found;
  }

  /**
   * Records keys as seen now (a key recorded again starts a new window). Markers are written
   * as plain publishes into the bucket's stream and confirmed with one flush per call, not one
   * acknowledgement per key: a marker is a second line of defence (the stream's Nats-Msg-Id
   * window already drops repeats for a few minutes), so one lost marker costs nothing but that.
   */
  async record(keys: readonly string[]): Promise<void> {
    assertValidKeys(keys);
    const recordedAt = new Date(this.clock()).toISOString();
    for (const key of keys) this.source.connection.publish(this.subjectOf(key), recordedAt);
    await this.source.connection.flush();
  }

  /** The bucket's TTL in milliseconds, or undefined when the bucket does not exist. */
  async bucketTtlMs(): Promise<number | undefined> {
    try {
      const info = await this.source.manager.streams.info(this.streamName);
      return info.config.max_age / 1_000_000;
    } catch (error) {
      if (isStreamNotFound(error)) return undefined;
      throw error;
    }
  }

  /** `$KV.<bucket>.<key>`: where the key-value layer keeps a key. */
  private subjectOf(key: string): string {
    return `$KV.${this.bucketName}.${key}`;
  }

  private async lastMessagesFor(subjects: string[]) {
    try {
      return await this.source.manager.direct.getLastMessagesFor(this.streamName, {
        multi_last: subjects,
      });
    } catch (error) {
      // Nothing stored for any of the subjects is answered as "not found", not as an empty batch.
      if (isNoMessage(error)) return [];
      throw error;
    }
  }
}

function assertValidKeys(keys: readonly string[]): void {
  const invalid = keys.find((key) => !VALID_KEY.test(key));
  if (invalid !== undefined) {
    throw new RangeError(`"${invalid.slice(0, 80)}" is not a valid key-value key: hash it first`);
  }
}

function isNoMessage(error: unknown): boolean {
  return error instanceof JetStreamApiError && error.code === JetStreamApiCodes.NoMessageFound;
}

function isStreamNotFound(error: unknown): boolean {
  return error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound;
}
