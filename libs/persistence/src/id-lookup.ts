/**
 * FerretDB 1.24 answers a lookup by `_id` alone from its primary key, but scans the collection
 * as soon as the filter holds anything else — such as the workspaceId every BaseRepository
 * query carries — and scans for `_id: { $in: [...] }` too (measured with 3,000 documents: 5 ms
 * against 12.5 ms for one id, 560 ms for two ids by $in). These recognise the filters that ask
 * for ids and nothing else, so the repository can look them up by id and check the workspace on
 * the documents instead; on MongoDB the answers are the same.
 */

/** The id of a filter that is exactly `{ _id: <string> }`. */
export function soleId(filter: object): string | undefined {
  const entries = Object.entries(filter);
  const [only] = entries;
  if (entries.length !== 1 || only === undefined) return undefined;
  const [key, value] = only;
  return key === '_id' && typeof value === 'string' ? value : undefined;
}

/** The ids of a filter that is exactly `{ _id: { $in: [<string>, …] } }`. */
export function soleIdList(filter: object): string[] | undefined {
  const entries = Object.entries(filter);
  const [only] = entries;
  if (entries.length !== 1 || only === undefined) return undefined;
  const [key, condition] = only;
  if (key !== '_id' || typeof condition !== 'object' || condition === null) return undefined;
  const operators = Object.entries(condition);
  const [inOperator] = operators;
  if (operators.length !== 1 || inOperator === undefined || inOperator[0] !== '$in')
    return undefined;
  const ids: unknown = inOperator[1];
  if (!Array.isArray(ids) || !ids.every((id): id is string => typeof id === 'string'))
    return undefined;
  return [...new Set(ids)];
}
