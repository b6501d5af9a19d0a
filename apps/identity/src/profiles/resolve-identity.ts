import type { Identifier } from '@meridian/contracts';
import { containsIdentifier, IDENTIFIER_TYPES, sameIdentifier } from './identifiers';

/** An identifier index entry: which profile (in which partition) owns the identifier. */
export interface IdentifierClaim {
  readonly identifier: Identifier;
  readonly profileId: string;
  readonly partition: number;
}

export interface Resolution {
  /** The existing profile the call belongs to, or null when a new profile is needed. */
  readonly profileId: string | null;
  /** Call identifiers the profile may take: unclaimed, or already its own. */
  readonly attach: Identifier[];
  /** Call identifiers another profile owns: those two profiles are one person (merge needed). */
  readonly claimedElsewhere: IdentifierClaim[];
}

/**
 * Which identifier's profile wins when a call's identifiers point at different profiles:
 * the userId (a known person), then email, phone, device, anonymousId (only a browser),
 * then external ids.
 */
const PRECEDENCE: readonly string[] = IDENTIFIER_TYPES;

function precedenceOf(identifier: Identifier): number {
  const rank = PRECEDENCE.indexOf(identifier.type);
  return rank === -1 ? PRECEDENCE.length : rank;
}

/**
 * Picks the profile a call resolves to. Only a profile of the call's partition can be
 * chosen, because this partition's consumer is the single writer of its profiles; an
 * identifier owned by any other profile stays where it is (merges come later).
 */
export function resolveIdentity(
  callIdentifiers: readonly Identifier[],
  claims: readonly IdentifierClaim[],
  partition: number,
): Resolution {
  const claimOf = (identifier: Identifier) =>
    claims.find((claim) => sameIdentifier(claim.identifier, identifier));
  const candidates = callIdentifiers
    .map(claimOf)
    .filter(
      (claim): claim is IdentifierClaim => claim !== undefined && claim.partition === partition,
    )
    .sort((a, b) => precedenceOf(a.identifier) - precedenceOf(b.identifier));
  const profileId = candidates[0]?.profileId ?? null;

  const attach: Identifier[] = [];
  const claimedElsewhere: IdentifierClaim[] = [];
  for (const identifier of callIdentifiers) {
    const claim = claimOf(identifier);
    if (claim !== undefined && claim.profileId !== profileId) claimedElsewhere.push(claim);
    else if (!containsIdentifier(attach, identifier)) attach.push(identifier);
  }
  return { profileId, attach, claimedElsewhere };
}
