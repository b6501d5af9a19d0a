import { Injectable } from '@nestjs/common';
import type { ProfileResealRequestedV1 } from '@meridian/contracts';
import { IdentifierRepository, ProfilePii, ProfileRepository } from '../profiles';

/**
 * Carries out a key rotation for one profile, on its partition's writer: reads it (any
 * configured key decrypts) and writes it again, which encrypts with the current key, then
 * rewrites the identifier claims it holds. Repeating it only encrypts again.
 */
@Injectable()
export class ResealService {
  constructor(
    private readonly profiles: ProfileRepository,
    private readonly identifiers: IdentifierRepository,
    private readonly pii: ProfilePii,
  ) {}

  async reseal(command: ProfileResealRequestedV1): Promise<void> {
    const { profileId, keyId } = command.payload;
    if (keyId !== this.pii.currentKeyId) {
      // Transient while a deployment rolls the new keys out: retried with backoff.
      throw new Error(
        `rotation to key "${keyId}" asked, but this instance encrypts with "${this.pii.currentKeyId}": give every identity instance the new PII_ENCRYPTION_KEYS first`,
      );
    }
    const profile = await this.profiles.findById(command.workspaceId, profileId);
    if (profile === null) return; // erased since the rotation listed it
    await this.profiles.save({ ...profile, revision: profile.revision + 1 });
    await this.identifiers.resealHeld(command.workspaceId, profile.identifiers, profileId);
  }
}
