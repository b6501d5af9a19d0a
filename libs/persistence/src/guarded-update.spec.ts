import { holdsGuard, idAndGuardOf } from './guarded-update';

describe('idAndGuardOf', () => {
  it('takes a filter apart into the id and the plain values the document must still hold', () => {
    expect(idAndGuardOf({ _id: 'p-1', revision: 4, mergedInto: null })).toEqual({
      id: 'p-1',
      guard: { revision: 4, mergedInto: null },
    });
  });

  it('refuses a filter without a string id', () => {
    expect(() => idAndGuardOf({ revision: 4 })).toThrow('needs `_id` as a string');
    expect(() => idAndGuardOf({ _id: { $in: ['a'] } })).toThrow('needs `_id` as a string');
  });

  it('refuses operators, dotted paths and objects, which it could not compare on the document', () => {
    expect(() => idAndGuardOf({ _id: 'p', revision: { $lt: 4 } })).toThrow('"revision"');
    expect(() => idAndGuardOf({ _id: 'p', 'a.b': 1 })).toThrow('"a.b"');
    expect(() => idAndGuardOf({ _id: 'p', $or: [] })).toThrow('"$or"');
  });
});

describe('holdsGuard', () => {
  it('holds when every guarded field has the expected value, a missing field counting as null', () => {
    expect(holdsGuard({ revision: 4, workspaceId: 'ws' }, { revision: 4, mergedInto: null })).toBe(
      true,
    );
  });

  it('does not hold when a field moved on or has another type', () => {
    expect(holdsGuard({ revision: 5 }, { revision: 4 })).toBe(false);
    expect(holdsGuard({ revision: '4' }, { revision: 4 })).toBe(false);
  });
});
