import type { ModelStatus, ModelVersion } from '@meridian/learning';
import { storedVersion, type ModelVersionDocument } from './model-version-document';

/** A version document to write, and the revision the store must still hold (0: insert it). */
export interface UnsavedVersion {
  readonly document: ModelVersionDocument;
  readonly expectedRevision: number;
}

interface Entry {
  current: ModelVersionDocument;
  /** The revision the store holds; 0 for a version not inserted yet. */
  storedRevision: number;
}

/**
 * The registry documents of one model instance as the owner means them to be, and which of
 * them the store has not caught up with. A change (a checkpoint, a promotion) is made here
 * first and written after; a write that fails leaves the document unsaved, and the next
 * checkpoint writes it again from the same expected revision.
 */
export class TrackedVersions {
  private readonly entries = new Map<number, Entry>();

  constructor(stored: readonly ModelVersionDocument[] = []) {
    for (const document of stored) {
      this.entries.set(document.version, { current: document, storedRevision: document.revision });
    }
  }

  /** Every version, oldest first. */
  get documents(): ModelVersionDocument[] {
    return [...this.entries.values()]
      .map((entry) => entry.current)
      .sort((a, b) => a.version - b.version);
  }

  withStatus(status: ModelStatus): ModelVersionDocument | undefined {
    return this.documents.find((document) => document.status === status);
  }

  /** Records what a version should now be (new, or changed since it was stored). */
  set(version: ModelVersion, partition: number, at: string): void {
    const entry = this.entries.get(version.version);
    if (entry === undefined) {
      const document = { ...storedVersion(version, partition), updatedAt: at };
      this.entries.set(version.version, { current: document, storedRevision: 0 });
      return;
    }
    entry.current = {
      ...version,
      _id: entry.current._id,
      partition,
      revision: entry.storedRevision + 1,
      updatedAt: at,
    };
  }

  unsaved(): UnsavedVersion[] {
    return [...this.entries.values()]
      .filter((entry) => entry.current.revision !== entry.storedRevision)
      .map((entry) => ({ document: entry.current, expectedRevision: entry.storedRevision }));
  }

  /**
   * The store now holds `document` (as unsaved() handed it out). A retired version never
   * changes again, so once stored it is forgotten here: memory does not grow with promotions.
   */
  saved(document: ModelVersionDocument): void {
    const entry = this.entries.get(document.version);
    if (entry === undefined) return;
    entry.storedRevision = document.revision;
    if (document.status === 'retired' && entry.current.revision === document.revision)
      this.entries.delete(document.version);
  }
}
