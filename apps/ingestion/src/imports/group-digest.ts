import { createHash, type Hash } from 'node:crypto';
import type { RowGroup } from '@meridian/bulk-import';

/** The digest of no groups at all: where a fresh import starts. */
export const EMPTY_DIGEST = createHash('sha256').digest('hex');

/**
 * A running sha256 over the groups of a file, in the order they are read: each row's number
 * and values. A resumed upload compares it with the resumed import's digest at that
 * import's durable point, so a different file cannot have its first rows skipped.
 */
export class GroupDigest {
  private readonly hash: Hash = createHash('sha256');

  add(group: RowGroup): void {
    for (const row of group.rows) {
      this.hash.update(`${row.number}\u0000${JSON.stringify(row.values)}\n`);
    }
  }

  /** The digest of the groups added so far; adding goes on afterwards. */
  current(): string {
    return this.hash.copy().digest('hex');
  }
}
