import type { Identifier, JsonObject } from '@meridian/contracts';
import type { Profile } from '../profiles';

/** A search result: the golden record without its timeline, message history and counters. */
export interface ProfileSummary {
  readonly profileId: string;
  readonly workspaceId: string;
  readonly partition: number;
  readonly identifiers: readonly Identifier[];
  readonly traits: JsonObject;
  readonly revision: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function toProfileSummary(profile: Profile): ProfileSummary {
  return {
    profileId: profile.profileId,
    workspaceId: profile.workspaceId,
    partition: profile.partition,
    identifiers: profile.identifiers,
    traits: profile.traits,
    revision: profile.revision,
    createdAt: profile.createdAt,
    updatedAt: profile.updatedAt,
  };
}
