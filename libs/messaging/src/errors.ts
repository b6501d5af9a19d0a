/**
 * Thrown by a handler when retrying cannot help: the event itself is wrong (a reference that
 * can never resolve, a rule it breaks). The transport terminates the message at once and
 * copies it to the dead-letter stream instead of spending the remaining deliveries.
 */
export class PermanentError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

/** The transport refuses to start: the problems are listed so one run shows them all. */
export class JetStreamStartupError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`JetStream transport cannot start:\n  ${problems.join('\n  ')}`);
    this.name = 'JetStreamStartupError';
  }
}

/** A publish that JetStream did not acknowledge; the event may not be stored. */
export class PublishError extends Error {
  constructor(
    message: string,
    readonly subject: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'PublishError';
  }
}

/** One line describing any thrown value, bounded so it fits in a header or a log line. */
export function describeError(error: unknown, maxLength = 500): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
