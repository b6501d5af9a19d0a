import type { Collection, Document, OptionalUnlessRequiredId } from 'mongodb';
import { DuplicateKeyError, translateWriteError } from './errors';

/**
 * Inserts `document` unless its _id (or another unique key) is taken; true when this call
 * inserted it. Two racing inserts settle on the unique index, so exactly one wins — the one
 * idempotent create every repository uses (an upsert with $setOnInsert would also drop null
 * fields on FerretDB 1.24).
 */
export async function insertIfAbsent<TDoc extends Document>(
  collection: Collection<TDoc>,
  document: OptionalUnlessRequiredId<TDoc>,
): Promise<boolean> {
  try {
    await collection.insertOne(document);
    return true;
  } catch (error) {
    const translated = translateWriteError(collection.collectionName, error);
    if (translated instanceof DuplicateKeyError) return false;
    throw translated;
  }
}
