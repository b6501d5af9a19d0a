import type { Identifier } from '@meridian/contracts';
import type { Clock } from './expiring-lru';
import { ReadThroughCache } from './read-through-cache';
import type { ServedProfile } from './served-profile';

export interface ProfileCacheSettings {
  /** Golden records kept at most (and as many identifier → profile ids); 0 turns caching off. */
  readonly maxEntries: number;
  /**
   * How long an entry is served at most after it was read, changes announced or not (it is
   * re-read in the background from half that age); 0 turns caching off.
   */
  readonly maxAgeMs: number;
}

/**
 * The golden records this instance read recently, and which profile holds an identifier, for
 * the API's reads by id and by identifier. Dropped as the bus announces changes (see
 * ProfileCacheInvalidator): a profile on its profile.updated, the mappings to it when that
 * update changed its identifiers (an unmerge, a removed identifier), a workspace's identifier
 * mappings when profiles merge or are erased. Otherwise a mapping outlives the updates of its
 * profile.
 */
export class ProfileReadCache {
  readonly profiles: ReadThroughCache<ServedProfile>;
  readonly owners: ReadThroughCache<string>;

  constructor(
    settings: ProfileCacheSettings,
    onRefreshError: (error: unknown) => void,
    clock?: Clock,
  ) {
    this.profiles = new ReadThroughCache({ ...settings, clock, onRefreshError });
    this.owners = new ReadThroughCache({ ...settings, clock, onRefreshError });
  }

  /** The cache key of an identifier (normalised) among a workspace's identifier mappings. */
  static identifierKey(identifier: Identifier): string {
    return `${identifier.type.length}:${identifier.type}${identifier.value}`;
  }

  /**
   * `claimsChanged`: the profile's identifiers changed. An unmerge or an identifier's removal
   * takes identifiers off a profile, so the mappings to it go too (they are read again).
   */
  profileChanged(workspaceId: string, profileId: string, claimsChanged: boolean): void {
    this.profiles.invalidate(workspaceId, profileId);
    if (claimsChanged) this.owners.invalidateWhere(workspaceId, (owner) => owner === profileId);
  }

  profilesMerged(workspaceId: string, profileIds: readonly string[]): void {
    for (const profileId of profileIds) this.profiles.invalidate(workspaceId, profileId);
    this.owners.invalidateWorkspace(workspaceId);
  }

  /** Profiles of the workspace were erased (a data-subject deletion). */
  workspaceErased(workspaceId: string): void {
    this.profiles.invalidateWorkspace(workspaceId);
    this.owners.invalidateWorkspace(workspaceId);
  }

  /** Something changed, nobody knows what: an announcement that could not be read. */
  clear(): void {
    this.profiles.invalidateAll();
    this.owners.invalidateAll();
  }

  /** Announcements may be missed from now on: read through until resume(). */
  suspend(): void {
    this.profiles.suspend();
    this.owners.suspend();
  }

  resume(): void {
    this.profiles.resume();
    this.owners.resume();
  }
}
