import { Injectable } from '@nestjs/common';
import type { Identifier } from '@meridian/contracts';
import { IdentifierRepository } from './identifier.repository';
import { normalizeIdentifier } from './identifiers';
import { toGoldenRecord, type GoldenRecord } from './profile.model';
import { ProfileRepository } from './profile.repository';

/** Reads golden records for the profile API. */
@Injectable()
export class ProfileQueryService {
  constructor(
    private readonly profiles: ProfileRepository,
    private readonly identifiers: IdentifierRepository,
  ) {}

  async byId(workspaceId: string, profileId: string): Promise<GoldenRecord | null> {
    const profile = await this.profiles.findById(workspaceId, profileId);
    return profile === null ? null : toGoldenRecord(profile);
  }

  /** The profile that owns an identifier; emails match whatever their case. */
  async byIdentifier(workspaceId: string, identifier: Identifier): Promise<GoldenRecord | null> {
    const claim = await this.identifiers.find(workspaceId, normalizeIdentifier(identifier));
    return claim === null ? null : this.byId(workspaceId, claim.profileId);
  }
}
