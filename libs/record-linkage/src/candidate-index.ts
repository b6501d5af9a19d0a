import { blockingKeys } from './blocking';
import type { PreparedPerson } from './comparators';

export interface CandidateIndexOptions {
  /**
   * At most this many ids are taken from one block. A block everyone shares (a common
   * surname born in a common year, a shared office phone) would otherwise turn one lookup
   * into thousands of comparisons.
   */
  readonly maxPerBlock: number;
  /** At most this many candidates in all. */
  readonly maxCandidates: number;
}

export const DEFAULT_CANDIDATE_INDEX_OPTIONS: CandidateIndexOptions = {
  maxPerBlock: 50,
  maxCandidates: 300,
};

/** In-memory blocking index: blocking key → ids of the people in that block. */
export class CandidateIndex {
  private readonly blocks = new Map<string, Set<string>>();
  private readonly keysById = new Map<string, readonly string[]>();

  constructor(private readonly options: CandidateIndexOptions = DEFAULT_CANDIDATE_INDEX_OPTIONS) {}

  get size(): number {
    return this.keysById.size;
  }

  /** Adds a person, or re-indexes them when the id is already present. */
  add(id: string, person: PreparedPerson): void {
    this.remove(id);
    const keys = blockingKeys(person);
    this.keysById.set(id, keys);
    for (const key of keys) {
      let block = this.blocks.get(key);
      if (block === undefined) {
        block = new Set();
        this.blocks.set(key, block);
      }
      block.add(id);
    }
  }

  /** Removes a person; false when the id was not indexed. */
  remove(id: string): boolean {
    const keys = this.keysById.get(id);
    if (keys === undefined) return false;
    for (const key of keys) {
      const block = this.blocks.get(key);
      block?.delete(id);
      if (block?.size === 0) this.blocks.delete(key);
    }
    this.keysById.delete(id);
    return true;
  }

  /**
   * Ids sharing at least one block with the person, most selective blocks first (a shared
   * email before a shared surname code), capped per block and in all.
   */
  candidates(person: PreparedPerson): string[] {
    const blocks: Set<string>[] = [];
    for (const key of blockingKeys(person)) {
      const block = this.blocks.get(key);
      if (block !== undefined) blocks.push(block);
    }
    blocks.sort((a, b) => a.size - b.size);
    const found = new Set<string>();
    for (const block of blocks) {
      let taken = 0;
      for (const id of block) {
        if (taken >= this.options.maxPerBlock || found.size >= this.options.maxCandidates) break;
        found.add(id);
        taken++;
      }
    }
    return [...found];
  }
}
