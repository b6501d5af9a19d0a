import { Injectable } from '@nestjs/common';
import type { Identifier } from '@meridian/contracts';
import { ProfileNotFoundError, UnprocessableEventError } from './errors';
import { IdentifierRepository } from './identifier.repository';
import { identifierKey } from './identifiers';
import type { CandidateProfile } from './merge-plan';
import type { Profile } from './profile.model';
import { ProfileRepository } from './profile.repository';

/** How many merged-into pointers are followed before giving up: chains this long are a bug. */
const MAX_CHAIN = 8;

/** The live profiles a call's identifiers point at, each found through its identifier claim. */
export interface LiveOwners {
  ownerOf(identifier: Identifier): CandidateProfile | undefined;
  /** A profile found on the way, as loaded. */
  profile(profileId: string): Profile | undefined;
}

/**
 * Reads which live profile holds each identifier: the identifier index says which profile
 * claimed it, and a profile that was merged away leads to its survivor (claims move to the
 * survivor right after, but a call may come in between). Read-only, so any partition may ask.
 */
@Injectable()
export class LiveProfiles {
  constructor(
    private readonly profiles: ProfileRepository,
    private readonly identifiers: IdentifierRepository,
  ) {}

  async owners(workspaceId: string, callIdentifiers: readonly Identifier[]): Promise<LiveOwners> {
    const claims = await this.identifiers.findAll(workspaceId, callIdentifiers);
    // The claimed profiles in one read; follow() reads more only for a merged-away one.
    const claimed = await this.profiles.findByIds(workspaceId, [
      ...new Set(claims.map((claim) => claim.profileId)),
    ]);
    const loaded = new Map(claimed.map((profile) => [profile.profileId, profile]));
    const owners = new Map<string, CandidateProfile>();
    for (const claim of claims) {
      const live = await this.follow(workspaceId, claim.profileId, loaded);
      owners.set(identifierKey(workspaceId, claim.identifier), candidateOf(live));
    }
    return {
      ownerOf: (identifier) => owners.get(identifierKey(workspaceId, identifier)),
      profile: (profileId) => loaded.get(profileId),
    };
  }

  /** The live profile `profileId` is, or was merged into. */
  async follow(
    workspaceId: string,
    profileId: string,
    loaded: Map<string, Profile> = new Map(),
  ): Promise<Profile> {
    let current = profileId;
    for (let step = 0; step < MAX_CHAIN; step += 1) {
      const profile = loaded.get(current) ?? (await this.profiles.findById(workspaceId, current));
      if (profile === null) {
        throw new ProfileNotFoundError(workspaceId, current);
      }
      loaded.set(current, profile);
      if (profile.mergedInto === null) return profile;
      current = profile.mergedInto;
    }
    throw new UnprocessableEventError(
      `profile "${profileId}" was merged more than ${MAX_CHAIN} times in a row in workspace "${workspaceId}"`,
    );
  }
}

export function candidateOf(profile: Profile): CandidateProfile {
  return {
    profileId: profile.profileId,
    partition: profile.partition,
    identifiers: profile.identifiers,
    createdAt: profile.createdAt,
    separatedFrom: profile.separatedFrom,
  };
}
