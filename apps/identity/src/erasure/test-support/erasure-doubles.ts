import type { Identifier } from '@meridian/contracts';
import type { Envelope, OutgoingMessage } from '@meridian/messaging';
import { identifierKey, type IdentifierClaim } from '../../profiles';
import { erasedProfileId } from '@meridian/profile-erasure';

// In-memory stand-ins for the erasure specs, with the repositories' semantics: deletes scoped
// to a workspace, erasure records insert-only by profile, a publisher that records (or fails once).

interface StoredProfile {
  readonly workspaceId: string;
  readonly partition: number;
  readonly identifiers: readonly Identifier[];
  readonly traits: Readonly<Record<string, string>>;
  /** The survivor a retired profile was merged into. */
  readonly mergedInto: string | null;
}

export class MemoryIdentity {
  readonly profiles = new Map<string, StoredProfile>();
  readonly claims = new Map<string, IdentifierClaim & { workspaceId: string }>();
  failNextProfileDelete = false;

  /**
   * A profile holding `claimed` (claims it won) plus `unclaimed` (identifiers on the record
   * whose claims another profile won), with `traits`.
   */
  addProfile(
    workspaceId: string,
    profileId: string,
    partition: number,
    claimed: Identifier[],
    held: {
      unclaimed?: Identifier[];
      traits?: Record<string, string>;
      mergedInto?: string;
    } = {},
  ): void {
    const identifiers = [...claimed, ...(held.unclaimed ?? [])];
    this.profiles.set(profileId, {
      workspaceId,
      partition,
      identifiers,
      traits: held.traits ?? {},
      mergedInto: held.mergedInto ?? null,
    });
    for (const identifier of claimed) {
      this.claims.set(identifierKey(workspaceId, identifier), {
        workspaceId,
        identifier,
        profileId,
        partition,
      });
    }
  }

  // IdentifierRepository
  async findAll(workspaceId: string, identifiers: readonly Identifier[]) {
    return identifiers.flatMap((identifier) => {
      const claim = this.claims.get(identifierKey(workspaceId, identifier));
      return claim === undefined ? [] : [claim];
    });
  }

  async releaseAllOf(workspaceId: string, profileId: string): Promise<number> {
    let released = 0;
    for (const [key, claim] of this.claims) {
      if (claim.workspaceId !== workspaceId || claim.profileId !== profileId) continue;
      this.claims.delete(key);
      released += 1;
    }
    return released;
  }

  // ProfileRepository
  async findHolding(workspaceId: string, identifiers: readonly Identifier[]) {
    const holds = (profile: StoredProfile, { type, value }: Identifier) =>
      profile.identifiers.some((held) => held.type === type && held.value === value) ||
      ((type === 'email' || type === 'phone') &&
        profile.traits[type]?.trim().toLowerCase() === value.toLowerCase());
    return [...this.profiles]
      .filter(([, profile]) => profile.workspaceId === workspaceId)
      .filter(([, profile]) => identifiers.some((identifier) => holds(profile, identifier)))
      .map(([profileId, profile]) => ({ profileId, partition: profile.partition }));
  }

  async linkedByMerges(workspaceId: string, found: readonly string[]) {
    const linked = new Set(found.filter((profileId) => this.profiles.has(profileId)));
    for (let grew = true; grew;) {
      grew = false;
      for (const [profileId, profile] of this.profiles) {
        if (profile.workspaceId !== workspaceId || linked.has(profileId)) continue;
        const survivorLinked = profile.mergedInto !== null && linked.has(profile.mergedInto);
        const absorbedLinked = [...linked].some(
          (id) => this.profiles.get(id)?.mergedInto === profileId,
        );
        if (survivorLinked || absorbedLinked) {
          linked.add(profileId);
          grew = true;
        }
      }
    }
    return [...linked].map((profileId) => ({
      profileId,
      partition: this.profiles.get(profileId)?.partition ?? 0,
    }));
  }

  async partitionOf(workspaceId: string, profileId: string): Promise<number | null> {
    const profile = this.profiles.get(profileId);
    return profile?.workspaceId === workspaceId ? profile.partition : null;
  }

  async delete(workspaceId: string, profileId: string): Promise<number> {
    if (this.failNextProfileDelete) {
      this.failNextProfileDelete = false;
      throw new Error('connection lost');
    }
    if (this.profiles.get(profileId)?.workspaceId !== workspaceId) return 0;
    this.profiles.delete(profileId);
    return 1;
  }

  claimedBy(profileId: string): Identifier[] {
    return [...this.claims.values()]
      .filter((claim) => claim.profileId === profileId)
      .map((claim) => claim.identifier);
  }
}

interface ErasureRecord {
  readonly workspaceId: string;
  readonly requestId: string;
  readonly deletedRecords: number | null;
  readonly erasedAt: Date;
}

/** ErasedProfilesRepository in memory, keyed as the real one (no profile id in the key). */
export class MemoryErasedProfiles {
  readonly byId = new Map<string, ErasureRecord>();

  async beginIfAbsent(erasure: Omit<ErasureRecord, 'deletedRecords'> & { profileId: string }) {
    const { profileId, ...record } = erasure;
    const id = erasedProfileId(record.workspaceId, profileId);
    if (this.byId.has(id)) return false;
    this.byId.set(id, { ...record, deletedRecords: null });
    return true;
  }

  async completeIfOpen(workspaceId: string, profileId: string, deletedRecords: number) {
    const id = erasedProfileId(workspaceId, profileId);
    const record = this.byId.get(id);
    if (record?.deletedRecords !== null || record.workspaceId !== workspaceId) return false;
    this.byId.set(id, { ...record, deletedRecords });
    return true;
  }

  async findErased(workspaceId: string, profileIds: readonly string[]) {
    const ids = new Set(profileIds.map((profileId) => erasedProfileId(workspaceId, profileId)));
    return [...ids].flatMap((id) => {
      const record = this.byId.get(id);
      return record === undefined ? [] : [{ _id: id, ...record }];
    });
  }

  async findErasedFor(workspaceId: string, requestId: string) {
    return [...this.byId]
      .filter(([, record]) => record.workspaceId === workspaceId && record.requestId === requestId)
      .map(([id, record]) => ({ _id: id, ...record }));
  }

  async isErased(workspaceId: string, profileId: string): Promise<boolean> {
    return this.byId.has(erasedProfileId(workspaceId, profileId));
  }
}

/** MatchReviewService's erasure part in memory: reviews by id, each naming two profiles. */
export class MemoryMatchReviews {
  readonly reviews = new Map<string, { workspaceId: string; profileIds: string[] }>();

  add(workspaceId: string, reviewId: string, profileIds: string[]): void {
    this.reviews.set(reviewId, { workspaceId, profileIds });
  }

  async forgetProfile(workspaceId: string, profileId: string): Promise<number> {
    const naming = [...this.reviews].filter(
      ([, review]) => review.workspaceId === workspaceId && review.profileIds.includes(profileId),
    );
    for (const [reviewId] of naming) this.reviews.delete(reviewId);
    return naming.length;
  }
}

export class RecordingPublisher {
  readonly published: OutgoingMessage[] = [];
  failNextPublish = false;

  async publish(subject: string, event: Envelope) {
    if (this.failNextPublish) {
      this.failNextPublish = false;
      throw new Error('publish timed out');
    }
    this.published.push({ subject, event });
    return { stream: 'S', seq: this.published.length, duplicate: false };
  }

  async publishMany(messages: readonly OutgoingMessage[]) {
    const receipts = [];
    for (const { subject, event } of messages) receipts.push(await this.publish(subject, event));
    return receipts;
  }

  on(subjectPrefix: string): Envelope[] {
    return this.published
      .filter((message) => message.subject.startsWith(subjectPrefix))
      .map((message) => message.event);
  }
}
