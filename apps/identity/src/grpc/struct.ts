/** google.protobuf.Value as @grpc/proto-loader encodes it from an object (one kind set). */
export type StructValue =
  | { readonly nullValue: 'NULL_VALUE' }
  | { readonly numberValue: number }
  | { readonly stringValue: string }
  | { readonly boolValue: boolean }
  | { readonly structValue: Struct }
  | { readonly listValue: { readonly values: readonly StructValue[] } };

/** google.protobuf.Struct as @grpc/proto-loader encodes it from an object. */
export interface Struct {
  readonly fields: Readonly<Record<string, StructValue>>;
}

/** A JSON object (traits, computed traits) as a google.protobuf.Struct. */
export function jsonToStruct(object: Readonly<Record<string, unknown>>, path = ''): Struct {
  const fields: Record<string, StructValue> = {};
  for (const [key, value] of Object.entries(object)) {
    // A property holding undefined has no JSON form: JSON.stringify leaves it out too.
    if (value === undefined) continue;
    fields[key] = jsonToValue(value, path === '' ? key : `${path}.${key}`);
  }
  return { fields };
}

function jsonToValue(value: unknown, path: string): StructValue {
  if (value === null) return { nullValue: 'NULL_VALUE' };
  if (typeof value === 'number') return { numberValue: value };
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (Array.isArray(value)) {
    return {
      listValue: {
        values: value.map((item: unknown, index) =>
          jsonToValue(item === undefined ? null : item, `${path}[${index}]`),
        ),
      },
    };
  }
  if (isRecord(value)) return { structValue: jsonToStruct(value, path) };
  throw new TypeError(`"${path}" holds a ${typeof value}, which JSON (and Struct) cannot carry`);
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
