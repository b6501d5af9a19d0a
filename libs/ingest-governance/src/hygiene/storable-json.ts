import { isPlainObject, type JsonObject, type JsonValue } from '../call';
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
  if (typeof value === 'string') return storableString(value, path);
  if (typeof value === 'number') return finiteNumber(value, path);
  if (typeof value === 'boolean' || value === null) return value;
  if (Array.isArray(value)) return storableArray(value, path);
  if (isPlainObject(value)) return storableObject(value, path);
  return refuse('UNSUPPORTED_VALUE', `a ${describeType(value)} is not a JSON value`, path);
}

function storableString(value: string, path: CallPath): string {
  if (value.includes('\u0000')) {
    refuse('NUL_CHARACTER', 'strings may not contain the NUL character', path);
  }
  return value;
}

function finiteNumber(value: number, path: CallPath): number {
  if (!Number.isFinite(value)) {
    refuse('NON_FINITE_NUMBER', `${String(value)} is not a finite number`, path);
  }
  return value;
}

function storableArray(value: readonly unknown[], path: CallPath): JsonValue[] {
  checkDepth(path);
  return value.map((item, index) => {
    const itemPath = [...path, index];
    if (Array.isArray(item)) {
      refuse('NESTED_ARRAY', 'arrays may not directly contain arrays', itemPath);
    }
    if (item === undefined) {
      refuse('UNSUPPORTED_VALUE', 'arrays may not contain undefined', itemPath);
    }
    return storableJson(item, itemPath);
  });
}

function storableObject(value: Readonly<Record<string, unknown>>, path: CallPath): JsonObject {
  checkDepth(path);
  const entries: [string, JsonValue][] = [];
  for (const [key, item] of Object.entries(value)) {
    const itemPath = [...path, key];
    if (key.includes('\u0000')) {
      refuse('NUL_CHARACTER', 'keys may not contain the NUL character', itemPath);
    }
    if (item !== undefined) entries.push([key, storableJson(item, itemPath)]);
  }
  return Object.fromEntries(entries);
}

/** A container at `path` is at level path.length + 1 (the call itself is level 1). */
function checkDepth(path: CallPath): void {
  if (path.length + 1 > MAX_NESTING_DEPTH) {
    refuse(
      'TOO_DEEP',
      `objects and arrays may be nested at most ${MAX_NESTING_DEPTH} levels`,
      path,
    );
  }
}

function describeType(value: unknown): string {
  if (typeof value !== 'object' || value === null) return typeof value;
  const name: unknown = value.constructor?.name;
  return typeof name === 'string' && name !== '' ? name : 'object';
}

/** Every string in `value` trimmed, at every depth (keys are left as sent). */
export function trimStrings(value: JsonValue): JsonValue {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return value.map(trimStrings);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, trimStrings(item)]));
}
