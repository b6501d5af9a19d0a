import {
  sameRfmScore,
  type ProfileScoresUpdatedV1,
  type ProfileScoresUpdatedV2,
  type RfmScore,
} from '@meridian/contracts';
import {
  newestPerKey,
  PROFILE_LIMITS,
  prependBounded,
  toUtc,
  type Profile,
  type ProfileChange,
  type ScoreEntry,
  type SegmentMembership,
  type StoredRfm,
} from '../profiles';

/** A scores command of either version; v1 carries no RFM. */
export type ScoresCommand = ProfileScoresUpdatedV1 | ProfileScoresUpdatedV2;

export type ScoresOutcome =
  /** The command changed the profile. */
  | { readonly kind: 'applied'; readonly profile: Profile; readonly changes: ProfileChange[] }
  /** Every score and segment was as the command says already, or newer: nothing to write. */
  | { readonly kind: 'unchanged' };

/**
 * Writes scoring's scores and segment changes on the profile: each score replaces the value of
 * its name unless the profile's is newer; an entered segment is added with `scoredAt` as its
 * entry time (a profile already in it keeps its first entry time); an exited segment is
 * removed unless the profile entered it after `scoredAt`; the RFM (v2) replaces the profile's
 * unless that one is newer. Pure; `now` stamps updatedAt.
 * The caller checks the idempotency window first (hasApplied).
 */
export function applyScores(profile: Profile, command: ScoresCommand, now: string): ScoresOutcome {
  const { scores: incoming, segments: membership } = command.payload;
  const at = toUtc(command.payload.scoredAt);
  const changes: ProfileChange[] = [];

  const scores = newestPerKey<ScoreEntry>(
    profile.scores,
    incoming.map((score) => ({ ...score, at })),
    (score) => score.name,
    (a, b) => a.value === b.value && a.at === b.at,
  );
  if (scores !== profile.scores) changes.push({ path: 'scores', value: scores });

  const segments = changedSegments(profile.segments, membership.entered, membership.exited, at);
  if (segments !== profile.segments) changes.push({ path: 'segments', value: segments });

  const rfm = command.version === 2 ? newerRfm(profile.rfm, command.payload.rfm, at) : profile.rfm;
  if (rfm !== profile.rfm) changes.push({ path: 'scores.rfm', value: rfm });

  if (changes.length === 0) return { kind: 'unchanged' };
  const next: Profile = {
    ...profile,
    scores,
    segments,
    rfm,
    appliedEventIds: prependBounded(
      profile.appliedEventIds,
      command.id,
      PROFILE_LIMITS.appliedEventIds,
    ),
    lastChange: { eventId: command.id, created: false, changes },
    revision: profile.revision + 1,
    updatedAt: now,
  };
  return { kind: 'applied', profile: next, changes };
}

/** The RFM after `incoming` computed at `at`; `held` itself when that is not newer or not different. */
function newerRfm(held: StoredRfm | null, incoming: RfmScore | null, at: string): StoredRfm | null {
  if (incoming === null || (held !== null && (held.at > at || sameRfmScore(held, incoming))))
    return held;
  return { ...incoming, at };
}

/** The memberships after entering and leaving segments at `at`; `held` itself if unchanged. */
function changedSegments(
  held: SegmentMembership[],
  entered: readonly string[],
  exited: readonly string[],
  at: string,
): SegmentMembership[] {
  // An exit older than the entry it would end is a late message about an earlier stay.
  const kept = held.filter(
    (membership) => !(exited.includes(membership.name) && membership.enteredAt <= at),
  );
  const added = entered
    .filter((name) => !held.some((membership) => membership.name === name))
    .map((name) => ({ name, enteredAt: at }));
  if (kept.length === held.length && added.length === 0) return held;
  return [...kept, ...added];
}
