import { Namespace, type BucketKey } from '@meridian/contracts';
import {
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import { bucketStreamName } from './provisioning-specs';

/** Where the store gets its JetStream clients; NatsClient in services. */
export interface KeyValueSource {
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

/** Keys are sent in groups so a batch of thousands does not flood the connection at once. */
const CONCURRENT_REQUESTS = 256;

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
  private readonly clock: () => number;
  private opened?: Promise<KV>;

  constructor(
    private readonly source: KeyValueSource,
    private readonly settings: DedupeStoreSettings,
  ) {
    this.bucketName = new Namespace(settings.namespace).bucket(settings.bucket);
    this.clock = settings.clock ?? Date.now;
  }

  /** The keys among `keys` recorded within the window, looked up in parallel. */
  async seen(keys: readonly string[]): Promise<Set<string>> {
    assertValidKeys(keys);
    const kv = await this.bucket();
    const now = this.clock();
    const found = new Set<string>();
    await inGroups(keys, async (key) => {
      const entry = await kv.get(key);
      const live =
        entry !== null &&
        entry.operation === 'PUT' &&
        now - entry.created.getTime() < this.settings.windowMs;
      if (live) found.add(key);
    });
    return found;
  }

  /** Records keys as seen now (a key recorded again starts a new window). */
  async record(keys: readonly string[]): Promise<void> {
    assertValidKeys(keys);
    const kv = await this.bucket();
    const recordedAt = new Date(this.clock()).toISOString();
    await inGroups(keys, async (key) => {
      await kv.put(key, recordedAt);
    });
  }

  /** The bucket's TTL in milliseconds, or undefined when the bucket does not exist. */
  async bucketTtlMs(): Promise<number | undefined> {
    try {
      const info = await this.source.manager.streams.info(bucketStreamName(this.bucketName));
      return info.config.max_age / 1_000_000;
    } catch (error) {
      if (isStreamNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Binding does not touch the server; a failed bind is forgotten so the next call retries. */
  private bucket(): Promise<KV> {
    this.opened ??= new Kvm(this.source.jetstream).open(this.bucketName).catch((error: unknown) => {
      this.opened = undefined;
      throw error;
    });
    return this.opened;
  }
}

function assertValidKeys(keys: readonly string[]): void {
  const invalid = keys.find((key) => !VALID_KEY.test(key));
  if (invalid !== undefined) {
    throw new RangeError(`"${invalid.slice(0, 80)}" is not a valid key-value key: hash it first`);
  }
}

async function inGroups(
  keys: readonly string[],
  each: (key: string) => Promise<void>,
): Promise<void> {
  for (let start = 0; start < keys.length; start += CONCURRENT_REQUESTS) {
    await Promise.all(keys.slice(start, start + CONCURRENT_REQUESTS).map(each));
  }
}

function isStreamNotFound(error: unknown): boolean {
  return error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound;
}
