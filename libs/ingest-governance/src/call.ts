/**
 * The parts of a Segment call that governance reads or rewrites. A parsed SegmentCall from
 * @meridian/contracts fits, and so does a raw JSON body (Record<string, unknown>): every
 * field is `unknown` because values may come from gRPC Structs or imports, not only JSON.
 */
export interface GovernableCall {
  readonly type?: unknown;
  readonly event?: unknown;
  readonly properties?: unknown;
  readonly traits?: unknown;
  readonly context?: unknown;
  readonly integrations?: unknown;
  readonly timestamp?: unknown;
  readonly originalTimestamp?: unknown;
  readonly sentAt?: unknown;
}

/** A JSON value as MongoDB/FerretDB can store it once keys are escaped. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** The free-form objects of a call whose keys and values come from the client. */
export const CALL_BAGS = ['properties', 'traits', 'context', 'integrations'] as const;
export type CallBag = (typeof CALL_BAGS)[number];

/** A plain object (not an array, Date, Map or class instance). */
export function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Sets an own enumerable property, '__proto__' included: a plain assignment of that key would
 * replace the object's prototype instead. The hygiene walk builds objects key by key this way
 * because Object.entries/fromEntries allocated two arrays per key and showed in profiles.
 */
export function setOwnKey<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}
