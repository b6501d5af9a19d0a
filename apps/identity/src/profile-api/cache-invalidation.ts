import {
  DataSubjectDeletionConfirmedV1,
  IdentityMergedV1,
  ProfileUpdatedV1,
  streams,
  subjects,
} from '@meridian/contracts';
import { z } from 'zod';

/**
 * The subjects whose events change what the profile API serves: every partition's
 * profile.updated and identity.merged (of the PROFILES stream), and this service's own
 * deletion confirmations, published once profiles of a data-subject request were erased.
 */
export function invalidationSubjects(serviceName: string): string[] {
  // Every partition's profile changes and merges; segment and score events are followed by a
  // profile.updated when they change the golden record, so they are not listened to.
  const changes = streams.PROFILES.subjects.filter(
    (subject) => subject.startsWith('profile.updated.') || subject.startsWith('identity.merged.'),
  );
  return [...changes, subjects.deletionConfirmed(serviceName)];
}

// Only the fields the cache needs, from the contracts' own schemas (any version of the event).
const ProfileUpdatedNotice = ProfileUpdatedV1.pick({ type: true, workspaceId: true }).extend({
  // Which fields changed, not their values: those are not checked here on every update.
  payload: ProfileUpdatedV1.shape.payload
    .pick({ profileId: true, created: true })
    .extend({ changes: z.record(z.string(), z.unknown()) }),
});
const IdentityMergedNotice = IdentityMergedV1.pick({ type: true, workspaceId: true }).extend({
  payload: IdentityMergedV1.shape.payload.pick({ survivorId: true, absorbedId: true }),
});
const DeletionConfirmedNotice = DataSubjectDeletionConfirmedV1.pick({
  type: true,
  workspaceId: true,
});
const Notice = z.discriminatedUnion('type', [
  ProfileUpdatedNotice,
  IdentityMergedNotice,
  DeletionConfirmedNotice,
]);

/** What an event on the invalidation subjects means for the cache. */
export type CacheInvalidation =
  | {
      readonly kind: 'profile';
      readonly workspaceId: string;
      readonly profileId: string;
      /**
       * The update changed the identifiers of a profile that existed before it, so mappings
       * to it may be stale (a new profile has none yet, and most updates of new visitors are
       * their profiles' creation: those cost no look through the mappings).
       */
      readonly claimsChanged: boolean;
    }
  | {
      readonly kind: 'merge';
      readonly workspaceId: string;
      readonly profileIds: readonly [string, string];
    }
  | { readonly kind: 'workspace'; readonly workspaceId: string }
  /** Not an event the cache knows: something may have changed, so everything goes. */
  | { readonly kind: 'everything'; readonly problem: string };

export function invalidationOf(body: unknown): CacheInvalidation {
  const parsed = Notice.safeParse(body);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)');
    return { kind: 'everything', problem: `unreadable event (${[...new Set(fields)].join(', ')})` };
  }
  const notice = parsed.data;
  switch (notice.type) {
    case 'profile.updated':
      return {
        kind: 'profile',
        workspaceId: notice.workspaceId,
        profileId: notice.payload.profileId,
        claimsChanged:
          !notice.payload.created && Object.hasOwn(notice.payload.changes, 'identifiers'),
      };
    case 'identity.merged':
      return {
        kind: 'merge',
        workspaceId: notice.workspaceId,
        profileIds: [notice.payload.survivorId, notice.payload.absorbedId],
      };
    case 'data-subject.deletion.confirmed':
      return { kind: 'workspace', workspaceId: notice.workspaceId };
  }
}
