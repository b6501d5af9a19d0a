import type { Identifier } from '@meridian/contracts';
import { containsIdentifier, IDENTIFIER_TYPES } from './identifiers';

/** How many identifiers of one type a profile may hold; types not listed use `otherTypes`. */
export interface IdentifierLimits {
  readonly byType: ReadonlyMap<string, number>;
  readonly otherTypes: number;
}

/**
 * Segment Unify's defaults: one userId (two different user ids are two people, which is what
 * protects a shared device from merging its users), five emails and phones, generous limits
 * for browser and device ids that pile up as cookies are cleared.
 */
export const DEFAULT_IDENTIFIER_LIMITS: IdentifierLimits = {
  byType: new Map([
    ['userId', 1],
    ['email', 5],
    ['phone', 5],
    ['deviceId', 100],
    ['anonymousId', 1_000],
  ]),
  otherTypes: 25,
};

/** A live profile one of the call's identifiers points at. */
export interface CandidateProfile {
  readonly profileId: string;
  readonly partition: number;
  readonly identifiers: readonly Identifier[];
  readonly createdAt: string;
  /** Profiles an unmerge split from this one: never merged with it again automatically. */
  readonly separatedFrom: readonly string[];
}

export interface MergePlan {
  /** The profile the call belongs to (it survives any merge), or null for a new profile. */
  readonly target: CandidateProfile | null;
  /** Other profiles the call proves to be the same person: merged into the target. */
  readonly absorb: readonly CandidateProfile[];
  /** Call identifiers the target takes (those of absorbed profiles come with the merge). */
  readonly attach: readonly Identifier[];
  /** Call identifiers left out, lowest priority first dropped, so that no limit is exceeded. */
  readonly dropped: readonly Identifier[];
}

/**
 * Decides what a call's identifiers mean for the identity graph (Segment Unify's algorithm):
 * the profiles they point at are one person unless together they would exceed an identifier
 * limit (or an unmerge split two of them apart); then the call's lowest-priority identifier is dropped and the rest tried again, down
 * to a new profile rather than a bad merge. `owners` maps each claimed call identifier to the
 * live profile holding it. The survivor is chosen from the profiles alone (see survivorOrder),
 * so two partitions planning the same merge at once agree on it.
 */
export function planMerge(
  callIdentifiers: readonly Identifier[],
  ownerOf: (identifier: Identifier) => CandidateProfile | undefined,
  limits: IdentifierLimits,
  priority: (identifier: Identifier) => number = priorityOf,
): MergePlan {
  const kept = [...callIdentifiers].sort((a, b) => priority(a) - priority(b));
  const dropped: Identifier[] = [];
  for (;;) {
    const matched = distinctProfiles(kept.map(ownerOf));
    const held = [...matched.flatMap((profile) => profile.identifiers), ...kept];
    const last = kept.at(-1);
    const allowed = limitsOver(matched, limits);
    if ((withinLimits(held, allowed) && !anySeparated(matched)) || last === undefined) {
      const [target = null, ...absorb] = [...matched].sort(survivorOrder);
      const attach = kept.filter((identifier) => {
        const owner = ownerOf(identifier);
        return owner === undefined || owner.profileId === target?.profileId;
      });
      return { target, absorb, attach, dropped };
    }
    kept.pop();
    dropped.push(last);
  }
}

/** The default priority: userId first, then email, phone, deviceId, anonymousId, external ids. */
export function priorityOf(identifier: Identifier): number {
  const index = IDENTIFIER_TYPES.findIndex((type) => type === identifier.type);
  return index === -1 ? IDENTIFIER_TYPES.length : index;
}

/**
 * Which of two profiles survives their merge: the one with a userId (a known person), then
 * the older, then the smaller id — properties of the profiles, not of the call that found
 * them, so every partition picks the same survivor and merges never run in a circle.
 */
export function survivorOrder(a: CandidateProfile, b: CandidateProfile): number {
  const known = (profile: CandidateProfile) =>
    profile.identifiers.some((identifier) => identifier.type === 'userId') ? 0 : 1;
  return (
    known(a) - known(b) ||
    a.createdAt.localeCompare(b.createdAt) ||
    a.profileId.localeCompare(b.profileId)
  );
}

/**
 * The limits a plan over `matched` must keep: the workspace's, raised for a type to what one
 * of the profiles holds already. A profile can hold more than a limit (the limit was lowered
 * since, or a reviewer merged two profiles): only what a plan adds is held against it, so such
 * a profile still takes its own calls instead of every call making a new, empty profile.
 */
function limitsOver(
  matched: readonly CandidateProfile[],
  limits: IdentifierLimits,
): IdentifierLimits {
  const byType = new Map(limits.byType);
  for (const profile of matched) {
    for (const [type, count] of countsByType(profile.identifiers)) {
      const limit = byType.get(type) ?? limits.otherTypes;
      if (count > limit) byType.set(type, count);
    }
  }
  return { byType, otherTypes: limits.otherTypes };
}

/** Whether the identifiers, each counted once, keep every limit. */
export function withinLimits(
  identifiers: readonly Identifier[],
  limits: IdentifierLimits,
): boolean {
  return [...countsByType(identifiers)].every(
    ([type, count]) => count <= (limits.byType.get(type) ?? limits.otherTypes),
  );
}

function countsByType(identifiers: readonly Identifier[]): Map<string, number> {
  const counts = new Map<string, number>();
  const distinct: Identifier[] = [];
  for (const identifier of identifiers) {
    if (containsIdentifier(distinct, identifier)) continue;
    distinct.push(identifier);
    counts.set(identifier.type, (counts.get(identifier.type) ?? 0) + 1);
  }
  return counts;
}

/** True when two of the profiles were split apart by an unmerge. */
function anySeparated(profiles: readonly CandidateProfile[]): boolean {
  return profiles.some((profile) =>
    profiles.some((other) => profile.separatedFrom.includes(other.profileId)),
  );
}

function distinctProfiles(owners: readonly (CandidateProfile | undefined)[]): CandidateProfile[] {
  const byId = new Map<string, CandidateProfile>();
  for (const owner of owners) if (owner !== undefined) byId.set(owner.profileId, owner);
  return [...byId.values()];
}
