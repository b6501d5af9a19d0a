import { keyIdOf, newRawKey } from '../admin-keys/key-material';
import { ExpiringCache, type Clock } from './expiring-cache';
import { hashWriteKey } from './write-key-hash';
import { WriteKeyRepository } from './write-key.repository';
import type { WriteKeyDocument } from './write-keys.collection';

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

/** A write key as the admin API lists it: never the secret. */
export interface WriteKey extends WriteKeyOwner {
  readonly keyId: string;
  /** The first characters of the key; null for keys seeded rather than generated. */
  readonly prefix: string | null;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

const RAW_KEY_PREFIX = 'mwk_';
/** `mwk_` and four random characters: tells keys apart, reveals 24 of 192 bits. */
const SHOWN_PREFIX_LENGTH = RAW_KEY_PREFIX.length + 4;

/** The public id of the write key with this hash (also for keys stored before ids existed). */
export function keyIdOfWriteKey(keyHash: string): string {
  return keyIdOf('wk_', keyHash);
}

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

  /** Generates a key for the source; the raw key is returned here and never again. */
  async create(owner: WriteKeyOwner): Promise<{ readonly key: WriteKey; readonly rawKey: string }> {
    const rawKey = newRawKey(RAW_KEY_PREFIX);
    const keyHash = hashWriteKey(rawKey);
    const document: WriteKeyDocument = {
      _id: keyHash,
      workspaceId: owner.workspaceId,
      sourceId: owner.sourceId,
      createdAt: new Date(this.clock()),
      revokedAt: null,
      keyId: keyIdOfWriteKey(keyHash),
      prefix: rawKey.slice(0, SHOWN_PREFIX_LENGTH),
    };
    if (!(await this.repository.insertIfAbsent(document)))
      throw new Error('a freshly generated write key already exists');
    return { key: writeKeyOf(document), rawKey };
  }

  /** The source's keys, revoked ones included, oldest first. */
  async list(owner: WriteKeyOwner): Promise<WriteKey[]> {
    return (await this.repository.listBySource(owner.workspaceId, owner.sourceId)).map(writeKeyOf);
  }

  /**
   * Revokes one of the source's keys by its public id. Answers the key as it is afterwards
   * and whether this call revoked it, or null when the source has no such key. The source's
   * keys are few, so they are matched in memory: keys stored before ids existed carry none.
   */
  async revokeById(
    owner: WriteKeyOwner,
    keyId: string,
  ): Promise<{ readonly key: WriteKey; readonly revoked: boolean } | null> {
    const documents = await this.repository.listBySource(owner.workspaceId, owner.sourceId);
    const document = documents.find((candidate) => writeKeyOf(candidate).keyId === keyId);
    if (document === undefined) return null;
    const revokedAt = new Date(this.clock());
    const revoked = await this.repository.markRevoked(document._id, revokedAt);
    this.cache.delete(document._id);
    const after = await this.repository.findByHash(document._id);
    return { key: writeKeyOf(after ?? document), revoked };
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
      keyId: keyIdOfWriteKey(keyHash),
    };
    try {
      return await this.repository.insertIfAbsent(document);
    } catch (error) {
      if ((await this.repository.findByHash(keyHash)) === null) throw error;
      return false;
    }
  }
}

function writeKeyOf(document: WriteKeyDocument): WriteKey {
  return {
    keyId: document.keyId ?? keyIdOfWriteKey(document._id),
    workspaceId: document.workspaceId,
    sourceId: document.sourceId,
    prefix: document.prefix ?? null,
    createdAt: document.createdAt,
    revokedAt: document.revokedAt ?? null,
  };
}
