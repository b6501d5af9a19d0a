/** A JSON value, as the Segment calls carry properties, traits and context. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/**
 * A google.protobuf.Struct or Value that does not have the shape @grpc/proto-loader decodes.
 * Only a client sending something other than the published proto can cause it.
 */
export class StructDecodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StructDecodingError';
  }
}

/**
 * The JSON object a decoded google.protobuf.Struct stands for. Accepts the camelCase field
 * names proto-loader produces by default and the snake_case ones of `keepCase: true`. An
 * absent Struct (proto3 sends nothing for an unset message field) is undefined, so the call
 * reads as one without that field, as in HTTP.
 */
export function structToJson(struct: unknown): JsonObject | undefined {
  if (struct === undefined || struct === null) return undefined;
  return structFieldsToJson(struct, '');
}

/** The JSON value of a decoded google.protobuf.Value; `path` names it in errors. */
export function valueToJson(value: unknown, path = ''): Json {
  if (!isRecord(value)) throw new StructDecodingError(`${where(path)} is not a Value`);
  if (has(value, 'nullValue', 'null_value')) return null;
  const number = field(value, 'numberValue', 'number_value');
  // NaN and infinities pass through: governance refuses them as NON_FINITE_NUMBER, as in HTTP.
  if (typeof number === 'number') return number;
  const string = field(value, 'stringValue', 'string_value');
  if (typeof string === 'string') return string;
  const bool = field(value, 'boolValue', 'bool_value');
  if (typeof bool === 'boolean') return bool;
  const struct = field(value, 'structValue', 'struct_value');
  if (struct !== undefined) return structFieldsToJson(struct, path);
  const list = field(value, 'listValue', 'list_value');
  if (list !== undefined) return listToJson(list, path);
  // A Value with no kind set has no JSON form; protobuf's JSON mapping treats it as null.
  return null;
}

function structFieldsToJson(struct: unknown, path: string): JsonObject {
  const fields = isRecord(struct) ? (struct['fields'] ?? {}) : undefined;
  if (!isRecord(fields)) throw new StructDecodingError(`${where(path)} is not a Struct`);
  const json: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) {
    json[key] = valueToJson(value, path === '' ? key : `${path}.${key}`);
  }
  return json;
}

function listToJson(list: unknown, path: string): Json[] {
  const values = isRecord(list) ? (list['values'] ?? []) : undefined;
  if (!Array.isArray(values)) throw new StructDecodingError(`${where(path)} is not a ListValue`);
  return values.map((value: unknown, index) => valueToJson(value, `${path}[${index}]`));
}

function field(value: Readonly<Record<string, unknown>>, camel: string, snake: string): unknown {
  return value[camel] ?? value[snake];
}

function has(value: Readonly<Record<string, unknown>>, camel: string, snake: string): boolean {
  return field(value, camel, snake) !== undefined;
}

function where(path: string): string {
  return path === '' ? 'the value' : `"${path}"`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
