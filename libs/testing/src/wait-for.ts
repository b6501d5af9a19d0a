export interface WaitForOptions {
  /** What is awaited, for the timeout message ("the profile to be merged"). */
  readonly description: string;
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
}

export class WaitForTimeoutError extends Error {
  constructor(
    readonly description: string,
    readonly timeoutMs: number,
    readonly attempts: number,
    readonly lastError: unknown,
  ) {
    super(
      `Timed out after ${timeoutMs} ms (${attempts} attempts) waiting for ${description}` +
        (lastError === undefined ? '' : `; last attempt failed with: ${describe(lastError)}`),
      { cause: lastError },
    );
    this.name = 'WaitForTimeoutError';
  }
}

/** What a condition gives back when it is not met yet. */
type NotYet = undefined | null | false;

/**
 * Polls `condition` until it returns something other than undefined, null or false, and
 * returns that. A condition that throws counts as not met yet (the server may not be up);
 * its last error goes into the timeout message. Attempts never overlap: the next starts
 * `intervalMs` after the previous one finished.
 */
export async function waitFor<T>(
  condition: () => T | NotYet | Promise<T | NotYet>,
  options: WaitForOptions,
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const intervalMs = options.intervalMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  let attempts = 0;
  let lastError: unknown;
  for (;;) {
    attempts += 1;
    try {
      const value = await condition();
      if (value !== undefined && value !== null && value !== false) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0)
      throw new WaitForTimeoutError(options.description, timeoutMs, attempts, lastError);
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, remaining)));
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
