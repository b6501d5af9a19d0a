import { isPlainObject, setOwnKey, type JsonObject, type JsonValue } from '../call';
import type { CallPath } from '../refusal';
import { refuse } from './hygiene-refusal';

/**
 * How many objects/arrays may enclose each other, the call itself being level 1 and its
 * `properties` level 2. MongoDB allows 100; we stay far below so an event can be embedded in
 * envelopes and stored documents without reaching that limit.
 */
export const MAX_NESTING_DEPTH = 32;

/**
 * A copy of `value` that MongoDB/FerretDB can store (keys aside, see escapeKeys), or a thrown
 * HygieneRefusal for the first value that cannot be: NaN/±Infinity, NUL characters in
 * strings or keys, arrays directly inside arrays, nesting deeper than MAX_NESTING_DEPTH, and
 * anything that is not JSON (bigint, Date, Map, functions, …). JSON cannot carry most of
 * these, but gRPC Structs and imports can. Object keys whose value is undefined are left out,
 * as JSON.stringify would.
 */
export function storableJson(value: unknown, path: CallPath): JsonValue {
  return storable(value, [...path]);
}

/**
 * `path` is one stack, pushed and popped on the way down, and copied only into a refusal:
 * building a fresh path array for every key cost more than the checks themselves.
 */
function storable(value: unknown, path: (string | number)[]): JsonValue {
  if (typeof value === 'string') return storableString(value, path);
  if (typeof value === 'number') return finiteNumber(value, path);
  if (typeof value === 'boolean' || value === null) return value;
  if (Array.isArray(value)) return storableArray(value, path);
  if (isPlainObject(value)) return storableObject(value, path);
  return refuse('UNSUPPORTED_VALUE', `a ${describeType(value)} is not a JSON value`, [...path]);
}

function storableString(value: string, path: CallPath): string {
  if (value.includes('\u0000')) {
    refuse('NUL_CHARACTER', 'strings may not contain the NUL character', [...path]);
  }
  return value;
}

function finiteNumber(value: number, path: CallPath): number {
  if (!Number.isFinite(value)) {
    refuse('NON_FINITE_NUMBER', `${String(value)} is not a finite number`, [...path]);
  }
  return value;
}

function storableArray(value: readonly unknown[], path: (string | number)[]): JsonValue[] {
  checkDepth(path);
  const result: JsonValue[] = [];
  for (let index = 0; index < value.length; index++) {
    const item = value[index];
    path.push(index);
    if (Array.isArray(item)) {
      refuse('NESTED_ARRAY', 'arrays may not directly contain arrays', [...path]);
    }
    if (item === undefined) {
      refuse('UNSUPPORTED_VALUE', 'arrays may not contain undefined', [...path]);
    }
    result.push(storable(item, path));
    path.pop();
  }
  return result;
}

function storableObject(
  value: Readonly<Record<string, unknown>>,
  path: (string | number)[],
): JsonObject {
  checkDepth(path);
  const result: JsonObject = {};
  for (const key of Object.keys(value)) {
    const item = value[key];
    path.push(key);
    if (key.includes('\u0000')) {
      refuse('NUL_CHARACTER', 'keys may not contain the NUL character', [...path]);
    }
    if (item !== undefined) setOwnKey(result, key, storable(item, path));
    path.pop();
  }
  return result;
}

/** A container at `path` is at level path.length + 1 (the call itself is level 1). */
function checkDepth(path: CallPath): void {
  if (path.length + 1 > MAX_NESTING_DEPTH) {
    refuse('TOO_DEEP', `objects and arrays may be nested at most ${MAX_NESTING_DEPTH} levels`, [
      ...path,
    ]);
  }
}

function describeType(value: unknown): string {
  if (typeof value !== 'object' || value === null) return typeof value;
  const name: unknown = value.constructor?.name;
  return typeof name === 'string' && name !== '' ? name : 'object';
}

/**
 * Every string in `value` trimmed, at every depth (keys are left as sent). Copy on write:
 * objects and arrays with nothing to trim come back as they are, which is nearly all of them.
 */
export function trimStrings(value: JsonValue): JsonValue {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return trimArray(value);
  if (typeof value !== 'object' || value === null) return value;
  let copy: JsonObject | undefined;
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (item === undefined) continue;
    const trimmed = trimStrings(item);
    if (trimmed === item) continue;
    copy ??= { ...value };
    setOwnKey(copy, key, trimmed);
  }
  return copy ?? value;
}

function trimArray(value: JsonValue[]): JsonValue[] {
  let copy: JsonValue[] | undefined;
  value.forEach((item, index) => {
    const trimmed = trimStrings(item);
    if (trimmed === item) return;
    copy ??= [...value];
    copy[index] = trimmed;
  });
  return copy ?? value;
}
