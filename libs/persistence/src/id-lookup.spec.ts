import { soleId, soleIdList } from './id-lookup';

describe('id-only filters', () => {
  it('recognise a filter that is exactly one string _id', () => {
    expect(soleId({ _id: 'p1' })).toBe('p1');
    expect(soleId({ _id: 'p1', revision: 2 })).toBeUndefined();
    expect(soleId({ _id: { $in: ['p1'] } })).toBeUndefined();
    expect(soleId({ email: 'x' })).toBeUndefined();
    expect(soleId({})).toBeUndefined();
  });

  it('recognise a filter that is exactly _id $in strings, without repeats', () => {
    expect(soleIdList({ _id: { $in: ['a', 'b', 'a'] } })).toEqual(['a', 'b']);
    expect(soleIdList({ _id: { $in: ['a', 1] } })).toBeUndefined();
    expect(soleIdList({ _id: { $in: ['a'], $ne: 'b' } })).toBeUndefined();
    expect(soleIdList({ _id: { $in: ['a'] }, workspaceId: 'w' })).toBeUndefined();
    expect(soleIdList({ _id: 'a' })).toBeUndefined();
  });
});
