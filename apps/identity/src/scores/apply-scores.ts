import type { ProfileScoresUpdatedV1 } from '@meridian/contracts';
import {
  newestPerKey,
  PROFILE_LIMITS,
  prependBounded,
  toUtc,
  type Profile,
  type ProfileChange,
  type ScoreEntry,
  type SegmentMembership,
} from '../profiles';

export type ScoresOutcome =
  /** The command changed the profile. */
  | { readonly kind: 'applied'; readonly profile: Profile; readonly changes: ProfileChange[] }
  /** Every score and segment was as the command says already, or newer: nothing to write. */
  | { readonly kind: 'unchanged' };

/**
 * Writes scoring's scores and segment changes on the profile: each score replaces the value of
 * its name unless the profile's is newer; an entered segment is added with `scoredAt` as its
 * entry time (a profile already in it keeps its first entry time); an exited segment is
 * removed unless the profile entered it after `scoredAt`. Pure; `now` stamps updatedAt.
 * The caller checks the idempotency window first (hasApplied).
 */
export function applyScores(
  profile: Profile,
  command: ProfileScoresUpdatedV1,
  now: string,
): ScoresOutcome {
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

  if (changes.length === 0) return { kind: 'unchanged' };
  const next: Profile = {
    ...profile,
    scores,
    segments,
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
