import type { RowGroup } from '../group';
import { FieldsSpec, fieldsMapping } from './fields';
import { MappingUsageError, mappingNamed, sourceNameOf } from './registry';

const group = (values: Record<string, unknown>, number = 2): RowGroup => ({
  ordinal: 1,
  rows: [{ number, values }],
});

const spec = (input: Record<string, unknown>) => FieldsSpec.parse({ source: 'signups', ...input });

describe('fields mapping', () => {
  it('makes one track per row with the named identity, event, time and other columns', () => {
    const mapping = fieldsMapping(
      spec({ event: 'Signed Up', userIdColumn: 'user', timestampColumn: 'at', keyColumn: 'id' }),
    );
    expect(mapping.grouping).toEqual({ kind: 'per-row' });
    expect(mapping.requiredColumns).toEqual(['user', 'at', 'id']);
    expect(
      mapping.toCalls(group({ id: '7', user: 'u1', at: '2024-05-01 10:00:00Z', plan: 'pro' })),
    ).toEqual({
      kind: 'calls',
      calls: [
        {
          type: 'track',
          messageId: 'import:fields:signups:7',
          userId: 'u1',
          timestamp: '2024-05-01T10:00:00.000Z',
          event: 'Signed Up',
          properties: { plan: 'pro' },
        },
      ],
    });
  });

  it('makes identify calls with the chosen columns as traits', () => {
    const mapping = fieldsMapping(
      spec({ type: 'identify', userIdColumn: 'id', columns: ['email', 'age'] }),
    );
    const outcome = mapping.toCalls(group({ id: 9, email: 'a@b.c', age: 41, secret: 'x' }));
    expect(outcome).toMatchObject({
      calls: [{ type: 'identify', userId: '9', traits: { email: 'a@b.c', age: 41 } }],
    });
  });

  it('derives the same messageId from the same row content when there is no key column', () => {
    const mapping = fieldsMapping(spec({ eventColumn: 'e', anonymousIdColumn: 'a' }));
    const first = mapping.toCalls(group({ e: 'Viewed', a: 'x1' }, 2));
    const again = mapping.toCalls(group({ a: 'x1', e: 'Viewed' }, 9));
    const other = mapping.toCalls(group({ e: 'Viewed', a: 'x2' }, 3));
    const idOf = (outcome: typeof first) =>
      outcome.kind === 'calls' ? outcome.calls[0]?.messageId : undefined;
    expect(idOf(first)).toMatch(/^import:fields:signups:[0-9a-f]{32}$/);
    expect(idOf(again)).toBe(idOf(first));
    expect(idOf(other)).not.toBe(idOf(first));
  });

  it('rejects a row without identity or with an unreadable timestamp, naming the row', () => {
    const mapping = fieldsMapping(spec({ event: 'E', userIdColumn: 'u', timestampColumn: 't' }));
    expect(mapping.toCalls(group({ u: '', t: '' }, 5))).toEqual({
      kind: 'invalid',
      code: 'MISSING_IDENTITY',
      message: 'row 5: no user id',
    });
    expect(mapping.toCalls(group({ u: 'u1', t: 'yesterday' }, 6))).toMatchObject({
      code: 'INVALID_ROW',
    });
  });

  it('needs an identity column and, for track, exactly one of event and event column', () => {
    expect(FieldsSpec.safeParse({ source: 's', event: 'E' }).success).toBe(false);
    expect(FieldsSpec.safeParse({ source: 's', userIdColumn: 'u' }).success).toBe(false);
    expect(
      FieldsSpec.safeParse({ source: 's', userIdColumn: 'u', event: 'E', eventColumn: 'e' })
        .success,
    ).toBe(false);
  });
});

describe('mapping registry', () => {
  it('builds the fields mapping from command-line options, namespaced by the file name', () => {
    const mapping = mappingNamed('fields').create('/x/Sign ups.ndjson.gz', {
      event: 'Signed Up',
      'user-id-column': 'user',
    });
    expect(mapping.name).toBe('fields');
    expect(sourceNameOf('/x/Sign ups.ndjson.gz')).toBe('Sign-ups');
  });

  it('explains a wrong option of the fields mapping', () => {
    expect(() => mappingNamed('fields').create('/x/a.csv', { event: 'E' })).toThrow(
      MappingUsageError,
    );
  });

  it('names the known mappings when asked for an unknown one', () => {
    expect(() => mappingNamed('nope')).toThrow('known: online-retail, fields');
  });
});
