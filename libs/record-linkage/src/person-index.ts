import {
  CandidateIndex,
  DEFAULT_CANDIDATE_INDEX_OPTIONS,
  type CandidateIndexOptions,
} from './candidate-index';
import { preparePerson, type PreparedPerson } from './comparators';
import { normalisePerson } from './normalise';
import type { PersonRecord } from './person-record';

export function preparePersonRecord(record: PersonRecord): PreparedPerson {
  return preparePerson(normalisePerson(record));
}

/** The profiles a workspace matches against: prepared once, blocked for candidate lookup. */
export class PersonIndex {
  private readonly people = new Map<string, PreparedPerson>();
  private readonly blocks: CandidateIndex;

  constructor(options: CandidateIndexOptions = DEFAULT_CANDIDATE_INDEX_OPTIONS) {
    this.blocks = new CandidateIndex(options);
  }

  get size(): number {
    return this.people.size;
  }

  /** Adds or replaces the profile `id`. */
  add(id: string, record: PersonRecord): PreparedPerson {
    const person = preparePersonRecord(record);
    this.people.set(id, person);
    this.blocks.add(id, person);
    return person;
  }

  remove(id: string): boolean {
    this.blocks.remove(id);
    return this.people.delete(id);
  }

  get(id: string): PreparedPerson | undefined {
    return this.people.get(id);
  }

  candidates(person: PreparedPerson): string[] {
    return this.blocks.candidates(person);
  }
}
