import { MongoServerError } from 'mongodb';
import {
  CollectionDefinitionError,
  planIndexes,
  validateCollectionDefinitions,
  type CollectionDefinition,
  type ExistingIndex,
  type IndexConflict,
  type IndexDefinition,
} from './collections';
import type { Database } from './driver-types';
import { IndexConflictError } from './errors';

/** Server code for "collection already exists": another replica created it first. */
const NAMESPACE_EXISTS = 48;

export interface EnsureCollectionsReport {
  readonly createdCollections: readonly string[];
  /** As "collection.index". */
  readonly createdIndexes: readonly string[];
  readonly unchangedIndexes: readonly string[];
  /** Indexes present in the database but not declared; left in place. */
  readonly unmanagedIndexes: readonly string[];
}

/**
 * Makes the database hold every declared collection and index. Idempotent and safe for
 * replicas starting together: existing collections and identical indexes are left alone.
 * An index whose key or uniqueness differs from its definition is never rebuilt here; the
 * call throws IndexConflictError before creating any index.
 */
export async function ensureCollections(
  db: Database,
  definitions: readonly CollectionDefinition[],
): Promise<EnsureCollectionsReport> {
  const problems = validateCollectionDefinitions(definitions);
  if (problems.length > 0) throw new CollectionDefinitionError(problems);

  const present = new Set(
    (await db.listCollections({}, { nameOnly: true }).toArray()).map(
      (collection) => collection.name,
    ),
  );
  const createdCollections: string[] = [];
  for (const definition of definitions) {
    if (present.has(definition.name)) continue;
    if (await createCollection(db, definition.name)) createdCollections.push(definition.name);
  }

  const plans = await Promise.all(
    definitions.map(async (definition) => ({
      definition,
      plan: planIndexes(
        definition.name,
        definition.indexes,
        await listIndexes(db, definition.name),
      ),
    })),
  );
  const conflicts: IndexConflict[] = plans.flatMap(({ plan }) => plan.conflicts);
  if (conflicts.length > 0) throw new IndexConflictError(conflicts);

  const createdIndexes: string[] = [];
  for (const { definition, plan } of plans) {
    // One createIndexes call per index: FerretDB 1.24 panics and drops the connection when
    // a single call lists several indexes that already exist (a concurrent replica's).
    for (const index of plan.toCreate) {
      await db.collection(definition.name).createIndexes([toIndexDescription(index)]);
      createdIndexes.push(`${definition.name}.${index.name}`);
    }
  }

  const qualified = (selector: (plan: (typeof plans)[number]['plan']) => readonly string[]) =>
    plans.flatMap(({ definition, plan }) =>
      selector(plan).map((name) => `${definition.name}.${name}`),
    );
  return {
    createdCollections,
    createdIndexes,
    unchangedIndexes: qualified((plan) => plan.unchanged),
    unmanagedIndexes: qualified((plan) => plan.unmanaged),
  };
}

/** True when this call created the collection, false when a concurrent caller did. */
async function createCollection(db: Database, name: string): Promise<boolean> {
  try {
    await db.createCollection(name);
    return true;
  } catch (error) {
    if (error instanceof MongoServerError && error.code === NAMESPACE_EXISTS) return false;
    throw error;
  }
}

async function listIndexes(db: Database, collection: string): Promise<ExistingIndex[]> {
  const indexes = await db.collection(collection).listIndexes().toArray();
  return indexes.map((index) => ({
    name: String(index['name']),
    key: isRecord(index['key']) ? index['key'] : {},
    unique: index['unique'] === true,
  }));
}

function toIndexDescription(index: IndexDefinition) {
  return { name: index.name, key: { ...index.key }, unique: index.unique === true };
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
