import { Injectable } from '@nestjs/common';
import { subjects, type ProfileResealRequestedV1 } from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { ProfilePii, ProfileRepository } from '../profiles';

/** Profiles listed per page while asking for their re-encryption. */
const PAGE = 500;

export interface RotationStatus {
  readonly currentKeyId: string;
  /** Profiles whose PII is still encrypted with an older key. */
  readonly awaiting: number;
}

export interface RotationRequested {
  readonly currentKeyId: string;
  /** Profiles asked to be encrypted again with the current key. */
  readonly requested: number;
}

/**
 * Completes a PII key rotation in a workspace: every profile still encrypted with an older key
 * gets a ProfileResealRequestedV1 on its partition, so its own writer re-encrypts it (no
 * second writer ever touches a profile). Safe to call again: commands carry deterministic ids,
 * and only profiles not yet re-encrypted are listed.
 */
@Injectable()
export class PiiRotationService {
  constructor(
    private readonly profiles: ProfileRepository,
    private readonly pii: ProfilePii,
    private readonly publisher: JetStreamPublisher,
  ) {}

  async status(workspaceId: string): Promise<RotationStatus> {
    const currentKeyId = this.pii.currentKeyId;
    return {
      currentKeyId,
      awaiting: await this.profiles.countAwaitingRotation(workspaceId, currentKeyId),
    };
  }

  async requestRotation(workspaceId: string): Promise<RotationRequested> {
    const currentKeyId = this.pii.currentKeyId;
    const now = new Date().toISOString();
    let requested = 0;
    let after: string | null = null;
    for (;;) {
      const page = await this.profiles.pageAwaitingRotation(workspaceId, currentKeyId, after, PAGE);
      for (const { profileId, partition } of page) {
        const id = `reseal:${currentKeyId}:${profileId}`;
        const command: ProfileResealRequestedV1 = {
          id,
          type: 'profile.reseal.requested',
          version: 1,
          workspaceId,
          occurredAt: now,
          receivedAt: now,
          correlationId: id,
          causationId: null,
          payload: { profileId, partition, keyId: currentKeyId },
        };
        await this.publisher.publish(subjects.ingest(partition), command);
        requested += 1;
      }
      const last = page.at(-1);
      if (last === undefined || page.length < PAGE) return { currentKeyId, requested };
      after = last.profileId;
    }
  }
}
