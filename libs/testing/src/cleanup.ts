/** One step of tearing down what a suite set up. */
export interface CleanupStep {
  /** Named in the error when the step fails ("delete the streams"). */
  readonly what: string;
  run(): Promise<unknown>;
}

/** Thrown once every step ran when one or more of them failed; each failure is in `errors`. */
export class CleanupError extends AggregateError {
  constructor(errors: readonly { readonly what: string; readonly error: unknown }[]) {
    super(
      errors.map((failure) => failure.error),
      `clean-up failed: ${errors.map((failure) => `${failure.what}: ${describe(failure.error)}`).join('; ')}`,
    );
    this.name = 'CleanupError';
  }
}

/**
 * A clean-up function that runs `steps` in order, once however often it is called (later
 * calls share the first one's outcome). A failing step does not stop the later ones, so a
 * half-torn-down suite leaves as little behind as possible; the failures are thrown together.
 */
export function cleanupOnce(steps: readonly CleanupStep[]): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => {
    running ??= runEvery(steps);
    return running;
  };
}

/**
 * Runs `work`; when it fails, runs `cleanup` before rethrowing, so a set-up that fails half-way
 * removes what it made. When the clean-up fails too, both errors are thrown together.
 */
export async function orCleanUp<T>(
  work: () => Promise<T>,
  cleanup: () => Promise<void>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    try {
      await cleanup();
    } catch (cleanupError) {
      throw new AggregateError(
        [error, cleanupError],
        `${describe(error)}; cleaning up after it failed too: ${describe(cleanupError)}`,
      );
    }
    throw error;
  }
}

async function runEvery(steps: readonly CleanupStep[]): Promise<void> {
  const failures: { what: string; error: unknown }[] = [];
  for (const step of steps) {
    try {
      await step.run();
    } catch (error) {
      failures.push({ what: step.what, error });
    }
  }
  if (failures.length > 0) throw new CleanupError(failures);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
