import type { z } from 'zod';

// The worker side of runWorker (./worker.ts), in a module of its own: a worker imports only
// this and what it measures with. Importing worker.ts would load @meridian/testing and
// everything it imports into every probe, and a probe's larger heap means longer GC pauses
// in the process that times the answers.

/** Marks the line of a worker's stdout that carries its result. */
export const RESULT_MARKER = '@@bench-result ';

/**
 * The body of a worker script: parses argv[2] with `input`, runs `work`, prints the result
 * line. A failure goes to stderr with exit code 1.
 */
export function workerMain<Input>(
  input: z.ZodType<Input>,
  work: (parsed: Input) => Promise<unknown>,
): void {
  const run = async () => {
    const parsed = input.parse(JSON.parse(process.argv[2] ?? 'null'));
    const result = await work(parsed);
    process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
  };
  run().then(
    () => {
      process.exitCode = 0;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
