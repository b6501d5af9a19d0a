import { ExpiringCache, type Clock } from '../write-keys/expiring-cache';
import { hashWriteKey } from '../write-keys/write-key-hash';
import { AdminKeyRepository } from './admin-key.repository';
import { AdminKeyRole, type AdminKeyDocument } from './admin-keys.collection';
import { keyIdOf, newRawKey } from './key-material';

/**
 * Lookups are cached this long at most, so revoking an admin key takes effect on every
 * instance within a second, as it does for write keys.
 */
export const ADMIN_KEY_CACHE_TTL_MS = 1_000;
const ADMIN_KEY_CACHE_MAX_ENTRIES = 10_000;
const RAW_KEY_PREFIX = 'mak_';
const KEY_ID_PREFIX = 'ak_';

/** Who an active admin key is: what authentication answers. */
export interface AdminKeyIdentity {
  readonly keyId: string;
  readonly role: AdminKeyRole;
  /** null: installation-wide. */
  readonly workspaceId: string | null;
}

/** An admin key as listed: never the secret. */
export interface AdminKey extends AdminKeyIdentity {
  readonly name: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

export interface NewAdminKey {
  readonly name: string;
  readonly role: AdminKeyRole;
  readonly workspaceId: string | null;
}

export interface SeedAdminKey extends NewAdminKey {
  readonly rawKey: string;
}

/** The seeded key exists with another role or workspace, or was revoked. */
export class AdminKeyConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminKeyConflictError';
  }
}

/**
 * Creates, authenticates, lists and revokes admin keys. A plain class (provided by
 * WorkspacesModule's factory) so the CLI can use it without Nest.
 */
export class AdminKeyService {
  /** By key hash; unknown and revoked keys are cached too (as null). */
  private readonly cache: ExpiringCache<AdminKeyIdentity | null>;

  /** `clock` is for specs, to move time without sleeping. */
  constructor(
    private readonly repository: AdminKeyRepository,
    private readonly clock: Clock = Date.now,
  ) {
    this.cache = new ExpiringCache(ADMIN_KEY_CACHE_TTL_MS, ADMIN_KEY_CACHE_MAX_ENTRIES, this.clock);
  }

  /** Who an active key is; null for an empty, unknown or revoked one. */
  async authenticate(rawKey: string): Promise<AdminKeyIdentity | null> {
    if (rawKey.length === 0) return null;
    const keyHash = hashWriteKey(rawKey);
    const cached = this.cache.get(keyHash);
    if (cached !== undefined) return cached;
    const document = await this.repository.findByHash(keyHash);
    const identity =
      document === null || (document.revokedAt ?? null) !== null
        ? null
        : identityOf(adminKeyOf(document));
    this.cache.set(keyHash, identity);
    return identity;
  }

  /** Creates a key; the raw key is returned here and never again. */
  async create(request: NewAdminKey): Promise<{ readonly key: AdminKey; readonly rawKey: string }> {
    const rawKey = newRawKey(RAW_KEY_PREFIX);
    const document = this.documentOf({ ...request, rawKey });
    if (!(await this.repository.insertIfAbsent(document)))
      throw new Error('a freshly generated admin key already exists');
    return { key: adminKeyOf(document), rawKey };
  }

  /**
   * Makes `rawKey` an active key with this role and workspace. Idempotent, for bootstrapping
   * (the CLI seeds MERIDIAN_ADMIN_KEY on every start); a key that exists with another role or
   * workspace, or was revoked, is refused rather than changed or revived.
   */
  async seed(seed: SeedAdminKey): Promise<AdminKey> {
    if (seed.rawKey.length === 0) throw new RangeError('an admin key must not be empty');
    const document = this.documentOf(seed);
    const inserted = await this.insertOrReread(document);
    this.cache.delete(document._id);
    if (inserted) return adminKeyOf(document);
    const existing = await this.repository.findByHash(document._id);
    if (existing === null) throw new Error('admin key vanished while being seeded');
    const key = adminKeyOf(existing);
    if (key.role !== seed.role || key.workspaceId !== seed.workspaceId)
      throw new AdminKeyConflictError('this admin key exists with another role or workspace');
    if (key.revokedAt !== null)
      throw new AdminKeyConflictError('this admin key was revoked; seed a new one');
    return key;
  }

  async find(keyId: string): Promise<AdminKey | null> {
    const document = await this.repository.findByKeyId(keyId);
    return document === null ? null : adminKeyOf(document);
  }

  /** Keys of one workspace, or every key (installation-wide ones too) when undefined. */
  async list(workspaceId: string | undefined): Promise<AdminKey[]> {
    return (await this.repository.list(workspaceId)).map(adminKeyOf);
  }

  /**
   * Revokes a key by its id; answers the key as it is afterwards and whether this call
   * revoked it (false when it already was), or null when there is no such key.
   */
  async revoke(
    keyId: string,
  ): Promise<{ readonly key: AdminKey; readonly revoked: boolean } | null> {
    const document = await this.repository.findByKeyId(keyId);
    if (document === null) return null;
    const revoked = await this.repository.markRevoked(document._id, new Date(this.clock()));
    this.cache.delete(document._id);
    const after = await this.repository.findByKeyId(keyId);
    return { key: adminKeyOf(after ?? document), revoked };
  }

  private documentOf(seed: SeedAdminKey): AdminKeyDocument {
    const keyHash = hashWriteKey(seed.rawKey);
    return {
      _id: keyHash,
      keyId: keyIdOf(KEY_ID_PREFIX, keyHash),
      name: seed.name,
      role: AdminKeyRole.parse(seed.role),
      workspaceId: seed.workspaceId,
      createdAt: new Date(this.clock()),
      revokedAt: null,
    };
  }

  /** Two seeds racing on one key: the loser's upsert may fail on the unique _id. */
  private async insertOrReread(document: AdminKeyDocument): Promise<boolean> {
    try {
      return await this.repository.insertIfAbsent(document);
    } catch (error) {
      if ((await this.repository.findByHash(document._id)) === null) throw error;
      return false;
    }
  }
}

function adminKeyOf(document: AdminKeyDocument): AdminKey {
  return {
    keyId: document.keyId,
    name: document.name,
    role: document.role,
    workspaceId: document.workspaceId ?? null,
    createdAt: document.createdAt,
    revokedAt: document.revokedAt ?? null,
  };
}

function identityOf(key: AdminKey): AdminKeyIdentity {
  return { keyId: key.keyId, role: key.role, workspaceId: key.workspaceId };
}
