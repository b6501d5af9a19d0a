import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';

/** How far an import of one file with one mapping got. */
export const Checkpoint = z.object({
  version: z.literal(1),
  /** The mapping's fingerprint: a different configuration starts over. */
  mapping: z.string().min(1),
  file: z.string().min(1),
  fileSize: z.number().int().min(0),
  /** Groups (in file order) whose calls ingestion has all answered: skipped on resume. */
  groupsDone: z.number().int().min(0),
  /** The whole file is done (not just up to a --limit). */
  complete: z.boolean(),
  /** Totals over every run, for the record. */
  callsAccepted: z.number().int().min(0),
  callsRefused: z.number().int().min(0),
  updatedAt: z.string(),
});
export type Checkpoint = z.infer<typeof Checkpoint>;

export class CheckpointError extends Error {
  constructor(path: string, reason: string) {
    super(`checkpoint ${path} cannot be used (${reason}); run again with --restart`);
    this.name = 'CheckpointError';
  }
}

/**
 * `<dataDir>/<mapping>-<sha256(path:size)>.json`: one checkpoint per mapping and file, a file
 * that changed size (re-downloaded, appended to) gets a new one.
 */
export function checkpointPathFor(
  dataDir: string,
  mappingFingerprint: string,
  file: string,
  fileSize: number,
): string {
  const digest = createHash('sha256')
    .update(`${resolve(file)}:${fileSize}`)
    .digest('hex')
    .slice(0, 16);
  return join(dataDir, `${mappingFingerprint}-${digest}.json`);
}

/** The rejects file that goes with a checkpoint. */
export function rejectsPathFor(checkpointPath: string): string {
  return checkpointPath.replace(/\.json$/, '') + '.rejects.ndjson';
}

export class CheckpointStore {
  constructor(readonly path: string) {}

  /** The saved checkpoint, undefined when there is none. */
  load(): Checkpoint | undefined {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new CheckpointError(this.path, 'not JSON');
    }
    const parsed = Checkpoint.safeParse(json);
    if (!parsed.success)
      throw new CheckpointError(this.path, parsed.error.issues[0]?.message ?? '');
    return parsed.data;
  }

  /**
   * Writes atomically: a temporary file renamed over the old one, so a crash leaves either the
   * previous checkpoint or the new one, never half of one.
   */
  save(checkpoint: Checkpoint): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(checkpoint, null, 2)}\n`);
    renameSync(temporary, this.path);
  }
}

function isNotFound(error: unknown): boolean {
  // Not `instanceof Error`: errors from node:fs may come from another realm (Jest's sandbox).
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}
