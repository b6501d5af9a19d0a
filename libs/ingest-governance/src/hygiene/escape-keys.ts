import {
  CALL_BAGS,
  isPlainObject,
  setOwnKey,
  type CallBag,
  type GovernableCall,
  type JsonObject,
  type JsonValue,
} from '../call';

/**
 * MongoDB/FerretDB cannot store keys that contain '.' or start with '$', so such keys are
 * percent-escaped. '%' itself is escaped first, which makes the mapping injective and
 * reversible: unescapeKey(escapeKey(k)) === k for every string k. Only these three
 * sequences are ever produced, and only they are decoded.
 */
export function escapeKey(key: string): string {
  // Nearly every key needs nothing; two replaceAll calls per key showed in profiles.
  if (!key.includes('%') && isStorableKey(key)) return key;
  const escaped = key.replaceAll('%', '%25').replaceAll('.', '%2E');
  return escaped.startsWith('$') ? `%24${escaped.slice(1)}` : escaped;
}

/** The key escapeKey was given. */
export function unescapeKey(key: string): string {
  return key.replace(/%(25|2E|24)/g, (_match, code: string) => DECODED[code] ?? '');
}

const DECODED: Readonly<Record<string, string>> = { '25': '%', '2E': '.', '24': '$' };

/** Whether MongoDB/FerretDB can store the key as it is: no '.', no leading '$'. */
export function isStorableKey(key: string): boolean {
  return !key.includes('.') && !key.startsWith('$');
}

/** escapeKey applied to every key at every depth; values are left as they are. */
export function escapeKeys(value: JsonObject): JsonObject;
export function escapeKeys(value: JsonValue): JsonValue;
export function escapeKeys(value: JsonValue): JsonValue {
  return mapKeys(value, escapeKey);
}

/** unescapeKey applied to every key at every depth: the inverse of escapeKeys. */
export function unescapeKeys(value: JsonObject): JsonObject;
export function unescapeKeys(value: JsonValue): JsonValue;
export function unescapeKeys(value: JsonValue): JsonValue {
  return mapKeys(value, unescapeKey);
}

/**
 * The call with escapeKey applied to every key inside properties, traits, context and
 * integrations (the objects whose keys come from the client); other fields are kept.
 */
export function escapeCallKeys<C extends GovernableCall>(call: C): C {
  return mapCallKeys(call, escapeKey);
}

/** The inverse of escapeCallKeys: a stored call with its keys as the client sent them. */
export function unescapeCallKeys<C extends GovernableCall>(call: C): C {
  return mapCallKeys(call, unescapeKey);
}

function mapCallKeys<C extends GovernableCall>(call: C, mapKey: (key: string) => string): C {
  const mapped: Partial<Record<CallBag, Record<string, unknown>>> = {};
  for (const bag of CALL_BAGS) {
    const value = call[bag];
    if (isPlainObject(value)) mapped[bag] = mapObjectKeys(value, mapKey);
  }
  return { ...call, ...mapped };
}

function mapKeys(value: JsonValue, mapKey: (key: string) => string): JsonValue;
function mapKeys(value: unknown, mapKey: (key: string) => string): unknown;
function mapKeys(value: unknown, mapKey: (key: string) => string): unknown {
  if (Array.isArray(value)) return mapArrayItems(value, mapKey);
  return isPlainObject(value) ? mapObjectKeys(value, mapKey) : value;
}

function mapArrayItems(value: readonly unknown[], mapKey: (key: string) => string): unknown {
  let copy: unknown[] | undefined;
  value.forEach((item: unknown, index) => {
    const mapped = mapKeys(item, mapKey);
    if (mapped === item) return;
    copy ??= [...value];
    copy[index] = mapped;
  });
  return copy ?? value;
}

function mapObjectKeys(
  value: Readonly<Record<string, unknown>>,
  mapKey: (key: string) => string,
): Record<string, unknown> {
  // Copy on write: an object whose keys all map to themselves, at every depth, is returned
  // as it is; the copy starts at the first key or value that changes.
  const keys = Object.keys(value);
  let result: Record<string, unknown> | undefined;
  keys.forEach((key, index) => {
    const mappedKey = mapKey(key);
    const item = value[key];
    const mappedItem = mapKeys(item, mapKey);
    if (result === undefined && mappedKey === key && mappedItem === item) return;
    if (result === undefined) {
      result = {};
      for (const earlier of keys.slice(0, index)) setOwnKey(result, earlier, value[earlier]);
    }
    setOwnKey(result, mappedKey, mappedItem);
  });
  return result ?? value;
}
