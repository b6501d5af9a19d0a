import { createHash } from 'node:crypto';
import { z } from 'zod';

export const REVIEW_STATUSES = ['open', 'accepted', 'rejected'] as const;
export const ReviewStatus = z.enum(REVIEW_STATUSES);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

export const ReviewEvidence = z.object({
  field: z.string().min(1),
  level: z.number().int(),
  agreement: z.string(),
  weight: z.number(),
});
export type ReviewEvidence = z.infer<typeof ReviewEvidence>;

/**
 * A pair of live profiles the model scored between the two thresholds, waiting for a person
 * to decide (`match_reviews`, `_id` = reviewId): accepted pairs are merged, rejected pairs are
 * never queued again.
 */
export const MatchReview = z.object({
  reviewId: z.string().min(1),
  workspaceId: z.string().min(1),
  /** The two profile ids, sorted. */
  profileIds: z.array(z.string().min(1)).length(2),
  weight: z.number(),
  matchProbability: z.number().min(0).max(1),
  evidence: z.array(ReviewEvidence),
  status: ReviewStatus,
  createdAt: z.string().min(1),
  decidedAt: z.string().min(1).nullable(),
  /** keyId of the admin key that decided. */
  decidedBy: z.string().min(1).nullable(),
  /** The ProfileMergeRequestedV1 an accept published; null when none was needed. */
  mergeRequestId: z.string().min(1).nullable(),
});
export type MatchReview = z.infer<typeof MatchReview>;

/** The pair in stored order; two ids of one profile are not a pair. */
export function sortedPair(profileA: string, profileB: string): [string, string] {
  if (profileA === profileB)
    throw new RangeError(`a profile (${profileA}) cannot be reviewed against itself`);
  return profileA < profileB ? [profileA, profileB] : [profileB, profileA];
}

/** The same id for the pair whichever way round it is named, so it is queued once. */
export function reviewIdOf(workspaceId: string, profileA: string, profileB: string): string {
  const [first, second] = sortedPair(profileA, profileB);
  const digest = createHash('sha256')
    .update(`${workspaceId}\u0000${first}\u0000${second}`)
    .digest('hex');
  return `mrv_${digest.slice(0, 32)}`;
}

/** After this review, in (createdAt, reviewId) order within one status. */
const ReviewCursor = z.object({
  list: z.literal('match-reviews'),
  status: ReviewStatus,
  createdAt: z.string().min(1),
  reviewId: z.string().min(1),
});
export type ReviewCursor = z.infer<typeof ReviewCursor>;

export function encodeReviewCursor(cursor: ReviewCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** The cursor, or null when the text is not one this API gave out for `status`. */
export function decodeReviewCursor(text: string, status: ReviewStatus): ReviewCursor | null {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    // Not base64url JSON: not a cursor of this API, answered as null below.
    json = undefined;
  }
  const parsed = ReviewCursor.safeParse(json);
  return parsed.success && parsed.data.status === status ? parsed.data : null;
}
