import { ExpiringCache, type Clock } from './expiring-cache';
import { hashWriteKey } from './write-key-hash';
import { WriteKeyRepository } from './write-key.repository';

/** Who a valid write key belongs to. */
export interface WriteKeyOwner {
  readonly workspaceId: string;
  readonly sourceId: string;
}

export interface SeedWorkspace extends WriteKeyOwner {
  readonly writeKey: string;
}

/**
 * Lookups are cached this long at most, so a revocation done anywhere reaches every
 * process within a second while a busy endpoint does not hit the database per call.
 */
export const WRITE_KEY_CACHE_TTL_MS = 1_000;
const WRITE_KEY_CACHE_MAX_ENTRIES = 10_000;

/** The key is already taken: by another workspace or source, or it was revoked. */
export class WriteKeyConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WriteKeyConflictError';
  }
}

/**
 * Authenticates, seeds and revokes write keys. A plain class (no decorators, provided by
 * WorkspacesModule's factory) so tools run without decorator support can use it too.
 */
export class WriteKeyService {
  /** By key hash; unknown and revoked keys are cached too (as null) so guessing is cheap for us. */
  private readonly cache: ExpiringCache<WriteKeyOwner | null>;

  /** `clock` is for specs, to move time without sleeping. */
  constructor(
    private readonly repository: WriteKeyRepository,
    private readonly clock: Clock = Date.now,
  ) {
    this.cache = new ExpiringCache(WRITE_KEY_CACHE_TTL_MS, WRITE_KEY_CACHE_MAX_ENTRIES, this.clock);
  }

  /** The owner of an active key; null for an empty, unknown or revoked one. */
  async authenticate(rawKey: string): Promise<WriteKeyOwner | null> {
    if (rawKey.length === 0) return null;
    const keyHash = hashWriteKey(rawKey);
    const cached = this.cache.get(keyHash);
    if (cached !== undefined) return cached;
    const document = await this.repository.findByHash(keyHash);
    const owner =
      document === null || document.revokedAt !== null
        ? null
        : { workspaceId: document.workspaceId, sourceId: document.sourceId };
    this.cache.set(keyHash, owner);
    return owner;
  }

  /**
   * Makes `writeKey` an active key of the workspace's source. Idempotent: seeding the same
   * triple again changes nothing. A key owned by someone else, or revoked, is refused
   * rather than reassigned or revived.
   */
  async seedWorkspace(seed: SeedWorkspace): Promise<void> {
    if (seed.writeKey.length === 0) throw new RangeError('a write key must not be empty');
    const keyHash = hashWriteKey(seed.writeKey);
    const inserted = await this.insertOrReread(keyHash, seed);
    this.cache.delete(keyHash);
    if (inserted) return;
    const existing = await this.repository.findByHash(keyHash);
    if (existing === null) throw new Error('write key vanished while being seeded');
    if (existing.workspaceId !== seed.workspaceId || existing.sourceId !== seed.sourceId) {
      throw new WriteKeyConflictError('this write key belongs to another workspace or source');
    }
    if (existing.revokedAt !== null) {
      throw new WriteKeyConflictError('this write key was revoked; seed a new one');
    }
  }

  /** Revokes a key; true when it was active. Other processes notice within the cache TTL. */
  async revoke(rawKey: string): Promise<boolean> {
    const keyHash = hashWriteKey(rawKey);
    const revoked = await this.repository.markRevoked(keyHash, new Date(this.clock()));
    this.cache.delete(keyHash);
    return revoked;
  }

  /**
   * Two seeds racing on one key: the loser's upsert may fail on the unique _id. That is
   * the same outcome as finding the key present, which the caller then checks.
   */
  private async insertOrReread(keyHash: string, seed: SeedWorkspace): Promise<boolean> {
    const document = {
      _id: keyHash,
      workspaceId: seed.workspaceId,
      sourceId: seed.sourceId,
      createdAt: new Date(this.clock()),
      revokedAt: null,
    };
    try {
      return await this.repository.insertIfAbsent(document);
    } catch (error) {
      if ((await this.repository.findByHash(keyHash)) === null) throw error;
      return false;
    }
  }
}
