import type { Database } from '@meridian/persistence';

/** A document that mentions one of the values a suite looked for. */
export interface DocumentReference {
  readonly collection: string;
  /** The document's `_id`, as JSON. */
  readonly id: string;
  /** The value found in it. */
  readonly value: string;
}

/**
 * Every document of every collection in `db` whose JSON mentions one of `values`, ignoring
 * case (traits keep emails as sent, "Ada@Example.com"), for suites proving that nothing
 * about a person is left anywhere, including collections the suite did not know of. Values
 * are matched as they appear inside JSON strings; an empty value is refused, since it would
 * match everything.
 */
export async function findReferences(
  db: Database,
  values: readonly string[],
): Promise<DocumentReference[]> {
  if (values.some((value) => value.length === 0))
    throw new Error('findReferences: an empty value would match every document');
  const needles = values.map((value) => ({ value, inJson: jsonText(value).toLowerCase() }));
  const found: DocumentReference[] = [];
  const collections = await db.listCollections({}, { nameOnly: true }).toArray();
  for (const { name } of collections) {
    if (name.startsWith('system.')) continue;
    for await (const document of db.collection(name).find({})) {
      const json = JSON.stringify(document).toLowerCase();
      for (const needle of needles) {
        if (json.includes(needle.inJson))
          found.push({ collection: name, id: JSON.stringify(document._id), value: needle.value });
      }
    }
  }
  return found;
}

/** A value as JSON writes it inside a string, quotes and backslashes escaped. */
function jsonText(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}
