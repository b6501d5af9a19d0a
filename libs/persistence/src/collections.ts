/**
 * Collections and indexes declared as code. Each service lists the collections it owns;
 * ensureCollections() makes the database match at start-up. Only what both MongoDB ≥ 7 and
 * FerretDB 1.24 support can be declared: plain single-field or compound indexes, unique or
 * not (no TTL, partial, sparse, text or geo indexes).
 */

export type IndexDirection = 1 | -1;

export interface IndexDefinition {
  /** Explicit name, so a changed key shows up as a conflict instead of a second index. */
  readonly name: string;
  /** Field → direction, in index order. */
  readonly key: Readonly<Record<string, IndexDirection>>;
  readonly unique?: boolean;
}

export interface CollectionDefinition {
  readonly name: string;
  readonly indexes: readonly IndexDefinition[];
}

/** An index as listIndexes reports it. */
export interface ExistingIndex {
  readonly name: string;
  readonly key: Readonly<Record<string, unknown>>;
  readonly unique?: boolean;
}

export interface IndexConflict {
  readonly collection: string;
  readonly index: string;
  readonly reason: string;
}

export interface IndexPlan {
  readonly toCreate: readonly IndexDefinition[];
  readonly unchanged: readonly string[];
  readonly conflicts: readonly IndexConflict[];
  /** Indexes in the database that no definition mentions; reported, never dropped. */
  readonly unmanaged: readonly string[];
}

const COLLECTION_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,119}$/;
const ID_INDEX = '_id_';

/** Declares a collection; throws at once when the definition is unusable. */
export function defineCollection<const Definition extends CollectionDefinition>(
  definition: Definition,
): Definition {
  const problems = validateCollectionDefinitions([definition]);
  if (problems.length > 0) throw new CollectionDefinitionError(problems);
  return definition;
}

export class CollectionDefinitionError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid collection definitions:\n  ${problems.join('\n  ')}`);
    this.name = 'CollectionDefinitionError';
  }
}

/** Every problem in a set of definitions, so one run reports them all. */
export function validateCollectionDefinitions(
  definitions: readonly CollectionDefinition[],
): string[] {
  const problems: string[] = [];
  const seenCollections = new Set<string>();
  for (const definition of definitions) {
    const where = `collection "${definition.name}"`;
    if (!COLLECTION_NAME.test(definition.name) || definition.name.startsWith('system.')) {
      problems.push(
        `${where}: name must match ${COLLECTION_NAME.source} and not start with "system."`,
      );
    }
    if (seenCollections.has(definition.name)) problems.push(`${where}: declared twice`);
    seenCollections.add(definition.name);

    const seenNames = new Set<string>();
    const seenKeys = new Map<string, string>();
    for (const index of definition.indexes) {
      const at = `${where}, index "${index.name}"`;
      if (index.name.length === 0 || index.name === ID_INDEX)
        problems.push(`${at}: needs a name other than "${ID_INDEX}"`);
      if (seenNames.has(index.name)) problems.push(`${at}: name used twice`);
      seenNames.add(index.name);
      const fields = Object.keys(index.key);
      if (fields.length === 0) problems.push(`${at}: key has no fields`);
      for (const field of fields) {
        if (field.length === 0 || field.startsWith('$'))
          problems.push(`${at}: invalid field "${field}"`);
      }
      const signature = keySignature(index.key);
      const sameKey = seenKeys.get(signature);
      // MongoDB refuses two indexes on the same key pattern (IndexOptionsConflict).
      if (sameKey !== undefined) problems.push(`${at}: same key as index "${sameKey}"`);
      seenKeys.set(signature, index.name);
    }
  }
  return problems;
}

/** Compares the wanted indexes of one collection with those it has. Pure. */
export function planIndexes(
  collection: string,
  wanted: readonly IndexDefinition[],
  existing: readonly ExistingIndex[],
): IndexPlan {
  const existingByName = new Map(existing.map((index) => [index.name, index]));
  const toCreate: IndexDefinition[] = [];
  const unchanged: string[] = [];
  const conflicts: IndexConflict[] = [];

  for (const index of wanted) {
    const current = existingByName.get(index.name);
    if (current === undefined) {
      const sameKey = existing.find((other) => keySignature(other.key) === keySignature(index.key));
      if (sameKey === undefined) toCreate.push(index);
      else
        conflicts.push({
          collection,
          index: index.name,
          reason: `its key is already indexed as "${sameKey.name}"`,
        });
      continue;
    }
    const reasons: string[] = [];
    if (keySignature(current.key) !== keySignature(index.key)) {
      reasons.push(`key is ${keySignature(current.key)}, wanted ${keySignature(index.key)}`);
    }
    if ((current.unique === true) !== (index.unique === true)) {
      reasons.push(`unique is ${current.unique === true}, wanted ${index.unique === true}`);
    }
    // Changing an existing index means dropping it, which for a unique index is a data
    // decision; it is reported for a person to do, never done here.
    if (reasons.length > 0)
      conflicts.push({ collection, index: index.name, reason: reasons.join('; ') });
    else unchanged.push(index.name);
  }

  const wantedNames = new Set(wanted.map((index) => index.name));
  const unmanaged = existing
    .map((index) => index.name)
    .filter((name) => name !== ID_INDEX && !wantedNames.has(name));
  return { toCreate, unchanged, conflicts, unmanaged };
}

/** A key pattern as a comparable string; field order matters in a compound index. */
function keySignature(key: Readonly<Record<string, unknown>>): string {
  return Object.entries(key)
    .map(([field, direction]) => `${field}:${String(direction)}`)
    .join(',');
}
