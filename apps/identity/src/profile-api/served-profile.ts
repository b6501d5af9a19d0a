import type { GoldenRecord } from '../profiles';

/**
 * A golden record as the profile API serves it, kept in the read cache: its JSON is made on
 * the first HTTP read and answered as those very bytes until the entry is dropped, so a hot
 * profile is serialised once per change rather than once per read.
 */
export class ServedProfile {
  private serialised: Buffer | undefined;

  constructor(readonly record: GoldenRecord) {}

  /** The record as UTF-8 JSON. */
  get json(): Buffer {
    this.serialised ??= Buffer.from(JSON.stringify(this.record));
    return this.serialised;
  }
}
