import { ingestMethod } from './ingest-proto';
import { StructDecodingError, structToJson, valueToJson } from './struct-json';

/** A Struct as @grpc/proto-loader decodes it off the wire, from a message a client encoded. */
function decodedContext(context: unknown): unknown {
  const { requestSerialize, requestDeserialize } = ingestMethod('Track');
  const decoded = requestDeserialize(requestSerialize({ header: { context } })) as {
    header: { context: unknown };
  };
  return decoded.header.context;
}

describe('structToJson', () => {
  it('turns every kind of Value decoded off the wire into its JSON value', () => {
    const context = decodedContext({
      fields: {
        nothing: { nullValue: 'NULL_VALUE' },
        total: { numberValue: 19.5 },
        name: { stringValue: 'Ann' },
        vip: { boolValue: false },
        page: { structValue: { fields: { path: { stringValue: '/pricing' } } } },
        tags: {
          listValue: { values: [{ stringValue: 'a' }, { numberValue: 2 }, { nullValue: 0 }] },
        },
        empty: { structValue: { fields: {} } },
        none: { listValue: { values: [] } },
      },
    });

    expect(structToJson(context)).toEqual({
      nothing: null,
      total: 19.5,
      name: 'Ann',
      vip: false,
      page: { path: '/pricing' },
      tags: ['a', 2, null],
      empty: {},
      none: [],
    });
  });

  it('reads the snake_case field names of keepCase decoding too', () => {
    expect(
      structToJson({
        fields: {
          a: { null_value: 0 },
          b: { number_value: 1 },
          c: { string_value: 's' },
          d: { bool_value: true },
          e: {
            struct_value: { fields: { f: { list_value: { values: [{ bool_value: false }] } } } },
          },
        },
      }),
    ).toEqual({ a: null, b: 1, c: 's', d: true, e: { f: [false] } });
  });

  it('keeps zero, the empty string and false, which proto3 would otherwise drop as defaults', () => {
    const context = decodedContext({
      fields: { zero: { numberValue: 0 }, blank: { stringValue: '' }, no: { boolValue: false } },
    });

    expect(structToJson(context)).toEqual({ zero: 0, blank: '', no: false });
  });

  it('passes non-finite numbers through for governance to refuse, as HTTP would', () => {
    expect(valueToJson({ numberValue: Number.POSITIVE_INFINITY })).toBe(Number.POSITIVE_INFINITY);
  });

  it('treats an absent Struct as an absent field', () => {
    expect(structToJson(undefined)).toBeUndefined();
    expect(structToJson(null)).toBeUndefined();
  });

  it('reads a Value with no kind set as null, as protobuf JSON does', () => {
    expect(structToJson({ fields: { unset: {} } })).toEqual({ unset: null });
  });

  it('refuses what is not a Struct, naming where', () => {
    expect(() => structToJson({ fields: { a: { structValue: { fields: [] } } } })).toThrow(
      new StructDecodingError('"a" is not a Struct'),
    );
    expect(() => structToJson({ fields: { a: { listValue: { values: 'x' } } } })).toThrow(
      new StructDecodingError('"a" is not a ListValue'),
    );
    expect(() => structToJson({ fields: { a: 'x' } })).toThrow(
      new StructDecodingError('"a" is not a Value'),
    );
  });
});
