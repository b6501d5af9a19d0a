import { emptyProfile, type Profile } from '../../profiles';

export const MERGES_WORKSPACE = 'ws-1';

/**
 * Stored profiles by id for the merge specs, each empty but for its partition and
 * `mergedInto`; partitions differ so the specs can see where commands go.
 */
export function storedProfiles(
  entries: Record<string, { partition: number; mergedInto: string | null }>,
): Map<string, Profile> {
  const profiles = new Map<string, Profile>();
  const now = '2026-11-01T00:00:00.000Z';
  for (const [profileId, { partition, mergedInto }] of Object.entries(entries)) {
    profiles.set(profileId, {
      ...emptyProfile({ profileId, workspaceId: MERGES_WORKSPACE, partition, now }),
      mergedInto,
    });
  }
  return profiles;
}

/** ProfileRepository's reads and writes by id over `profiles`. */
export function memoryProfileRepository(profiles: Map<string, Profile>) {
  return {
    findById: async (_workspaceId: string, profileId: string) => profiles.get(profileId) ?? null,
    save: async (profile: Profile) => void profiles.set(profile.profileId, profile),
  };
}

/** A publisher that keeps what was published. */
export function recordingPublisher() {
  const published: { subject: string; event: { type: string; payload: unknown } }[] = [];
  return {
    published,
    publish: async (subject: string, event: { type: string; payload: unknown }) =>
      void published.push({ subject, event }),
  };
}

/** The envelope fields of a command in the merge specs. */
export function commandHeader(id: string) {
  return {
    id,
    version: 1 as const,
    workspaceId: MERGES_WORKSPACE,
    occurredAt: '2026-11-24T10:00:00.000Z',
    receivedAt: '2026-11-24T10:00:00.000Z',
    correlationId: 'c-1',
    causationId: null,
  };
}
