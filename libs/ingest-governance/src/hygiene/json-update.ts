import { isJsonObject, type JsonObject, type JsonValue } from '../call';

/**
 * `object` with the value at `path` replaced by update(value); unchanged when the path
 * does not lead to a value (a missing key, or something that is not an object on the way).
 */
export function updateAt(
  object: JsonObject,
  path: readonly string[],
  update: (value: JsonValue) => JsonValue,
): JsonObject {
  const [key, ...rest] = path;
  if (key === undefined || !Object.hasOwn(object, key)) return object;
  const current = object[key];
  if (current === undefined) return object;
  let next: JsonValue;
  if (rest.length === 0) next = update(current);
  else if (isJsonObject(current)) next = updateAt(current, rest, update);
  else return object;
  // A spread keeps the key's position (it already exists) and is far cheaper than rebuilding
  // the object from its entries, which showed in ingestion's CPU profile.
  return { ...object, [key]: next };
}

/** The value at `path`, or undefined when there is none. */
export function valueAt(object: JsonObject, path: readonly string[]): JsonValue | undefined {
  let current: JsonValue | undefined = object;
  for (const key of path) {
    if (!isJsonObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}
