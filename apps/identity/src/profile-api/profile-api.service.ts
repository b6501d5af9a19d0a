import { Inject, Injectable } from '@nestjs/common';
import type { Identifier } from '@meridian/contracts';
import {
  IdentifierRepository,
  normalizeIdentifier,
  ProfileRepository,
  toGoldenRecord,
  type MessageHistoryEntry,
  type TimelineEntry,
} from '../profiles';
import {
  decodeMessagesCursor,
  decodeSearchCursor,
  decodeTimelineCursor,
  encodeCursor,
} from './cursors';
import { pageOfBoundedList, pageOfFetched, type Page } from './pages';
import { ProfileApiError } from './profile-api-error';
import { PROFILE_API_OPTIONS, type ProfileApiOptions } from './profile-api-options';
import type { MessagesQuery, SearchQuery, TimelineQuery } from './profile-api-queries';
import { ProfileReadCache } from './profile-read-cache';
import { toProfileSummary, type ProfileSummary } from './profile-summary';
import { ServedProfile } from './served-profile';
import { traitValueCandidates } from './trait-search';

/**
 * The profile API behind both transports (HTTP and gRPC), within one workspace the caller
 * was let into. Reads by id and by identifier go through this instance's ProfileReadCache;
 * search reads the store. Throws ProfileApiError for what the caller got wrong.
 */
@Injectable()
export class ProfileApiService {
  private readonly searchable: ReadonlySet<string>;

  constructor(
    private readonly profiles: ProfileRepository,
    private readonly identifiers: IdentifierRepository,
    private readonly cache: ProfileReadCache,
    @Inject(PROFILE_API_OPTIONS) options: ProfileApiOptions,
  ) {
    this.searchable = new Set(options.searchableTraits);
  }

  async get(workspaceId: string, profileId: string): Promise<ServedProfile> {
    return found(await this.read(workspaceId, profileId), profileId);
  }

  /** The profile that claimed an identifier; emails match whatever their case. */
  async lookup(workspaceId: string, identifier: Identifier): Promise<ServedProfile> {
    const normalized = normalizeIdentifier(identifier);
    const key = ProfileReadCache.identifierKey(normalized);
    const ownerOf = () =>
      this.cache.owners.read(workspaceId, key, async () => {
        const claim = await this.identifiers.find(workspaceId, normalized);
        return claim?.profileId ?? null;
      });
    const owner = await ownerOf();
    if (owner === null) throw notFoundBy(identifier);
    const record = await this.read(workspaceId, owner);
    if (record !== null) return record;
    // The mapping named an erased profile: read the claim afresh, once.
    this.cache.owners.invalidate(workspaceId, key);
    const current = await ownerOf();
    const retried = current === null ? null : await this.read(workspaceId, current);
    if (retried === null) throw notFoundBy(identifier);
    return retried;
  }

  /** Profiles whose searchable trait equals the value, in profile id order. */
  async search(workspaceId: string, query: SearchQuery): Promise<Page<ProfileSummary>> {
    if (!this.searchable.has(query.trait)) {
      const listed = [...this.searchable].join(', ') || 'none are configured';
      throw ProfileApiError.invalid(
        `trait "${query.trait}" is not searchable; searchable traits: ${listed}`,
      );
    }
    const after = query.cursor === undefined ? undefined : decodeSearchCursor(query.cursor).after;
    const rows = await this.profiles.findByTrait(workspaceId, {
      trait: query.trait,
      values: traitValueCandidates(query.value),
      afterProfileId: after,
      limit: query.limit + 1,
    });
    return pageOfFetched(rows, query.limit, toProfileSummary, (profile) =>
      encodeCursor({ list: 'search', after: profile.profileId }),
    );
  }

  /** The profile's recent calls, newest first. */
  async timeline(
    workspaceId: string,
    profileId: string,
    query: TimelineQuery,
  ): Promise<Page<TimelineEntry>> {
    const { record } = await this.get(workspaceId, profileId);
    const cursor = query.cursor === undefined ? undefined : decodeTimelineCursor(query.cursor);
    return pageOfBoundedList(
      record.timeline,
      cursor === undefined ? undefined : (entry) => entry.id === cursor.after,
      query.limit,
      (entry) => encodeCursor({ list: 'timeline', after: entry.id }),
    );
  }

  /** The profile's message history, newest first. */
  async messages(
    workspaceId: string,
    profileId: string,
    query: MessagesQuery,
  ): Promise<Page<MessageHistoryEntry>> {
    const { record } = await this.get(workspaceId, profileId);
    const cursor = query.cursor === undefined ? undefined : decodeMessagesCursor(query.cursor);
    return pageOfBoundedList(
      record.messages,
      cursor === undefined
        ? undefined
        : (entry) =>
            entry.messageId === cursor.messageId &&
            entry.status === cursor.status &&
            entry.at === cursor.at,
      query.limit,
      (entry) =>
        encodeCursor({
          list: 'messages',
          messageId: entry.messageId,
          status: entry.status,
          at: entry.at,
        }),
    );
  }

  /**
   * The golden record of `profileId`, or of the survivor it was merged into: a retired record
   * is cached as it is (it no longer changes) and followed on every read, so the survivor's
   * own cache entry, which profile.updated keeps fresh, is what is answered.
   */
  private async read(workspaceId: string, profileId: string): Promise<ServedProfile | null> {
    let served = await this.readOne(workspaceId, profileId);
    for (let hops = 0; hops <= MAX_MERGE_HOPS; hops += 1) {
      if (served === null || served.record.mergedInto === null) return served;
      served = await this.readOne(workspaceId, served.record.mergedInto);
    }
    return null;
  }

  private readOne(workspaceId: string, profileId: string): Promise<ServedProfile | null> {
    return this.cache.profiles.read(workspaceId, profileId, async () => {
      const profile = await this.profiles.findById(workspaceId, profileId);
      return profile === null ? null : new ServedProfile(toGoldenRecord(profile));
    });
  }
}

/** Merged-into pointers followed before a profile counts as missing (chains are short). */
const MAX_MERGE_HOPS = 8;

function found(served: ServedProfile | null, profileId: string): ServedProfile {
  if (served === null)
    throw ProfileApiError.notFound(`no profile "${profileId}" in this workspace`);
  return served;
}

function notFoundBy(identifier: Identifier): ProfileApiError {
  return ProfileApiError.notFound(`no profile holds ${identifier.type} "${identifier.value}"`);
}
