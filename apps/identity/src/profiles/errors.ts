/**
 * An event that can never be applied, however often it is retried (bad data, unknown
 * profile). The consumer turns it into the messaging lib's PermanentError: dead letter.
 */
export class UnprocessableEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Identify traits whose keys the database cannot store. */
export class InvalidTraitsError extends UnprocessableEventError {
  constructor(readonly problems: readonly string[]) {
    super(`identify traits cannot be stored: ${problems.join('; ')}`);
  }
}

/** A message lifecycle event names a profile this workspace does not have. */
export class ProfileNotFoundError extends UnprocessableEventError {
  constructor(
    readonly workspaceId: string,
    readonly profileId: string,
  ) {
    super(`profile "${profileId}" does not exist in workspace "${workspaceId}"`);
  }
}

/**
 * The stored profile moved past the revision this write was based on. With one writer per
 * partition this means an overlapping delivery; retrying re-reads the profile.
 */
export class StaleProfileError extends Error {
  constructor(
    readonly profileId: string,
    readonly expectedRevision: number,
  ) {
    super(
      `profile "${profileId}" is no longer at revision ${expectedRevision}; retry on fresh state`,
    );
    this.name = 'StaleProfileError';
  }
}
