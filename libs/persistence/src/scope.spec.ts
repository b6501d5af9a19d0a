import { WorkspaceScopeError } from './errors';
import { assertDocumentInWorkspace, assertUpdateKeepsWorkspace, scopeFilter } from './scope';

describe('scopeFilter', () => {
  it('ANDs the workspace into the filter at the top level', () => {
    expect(scopeFilter('ws_a', { $or: [{ email: 'x' }, { phone: 'y' }] })).toEqual({
      $or: [{ email: 'x' }, { phone: 'y' }],
      workspaceId: 'ws_a',
    });
  });

  it('accepts a filter that already names the same workspace', () => {
    expect(scopeFilter('ws_a', { workspaceId: 'ws_a', email: 'x' })).toEqual({
      workspaceId: 'ws_a',
      email: 'x',
    });
  });

  it('refuses a filter naming another workspace or a workspace condition', () => {
    expect(() => scopeFilter('ws_a', { workspaceId: 'ws_b' })).toThrow(WorkspaceScopeError);
    expect(() => scopeFilter('ws_a', { workspaceId: { $in: ['ws_a', 'ws_b'] } })).toThrow(
      WorkspaceScopeError,
    );
  });

  it('refuses an empty workspaceId', () => {
    expect(() => scopeFilter('', {})).toThrow(WorkspaceScopeError);
  });
});

describe('assertUpdateKeepsWorkspace', () => {
  it('allows updates that do not touch workspaceId, or set it to the same value', () => {
    expect(() =>
      assertUpdateKeepsWorkspace('ws_a', { $set: { name: 'n' }, $inc: { score: 1 } }),
    ).not.toThrow();
    expect(() =>
      assertUpdateKeepsWorkspace('ws_a', { $setOnInsert: { workspaceId: 'ws_a' } }),
    ).not.toThrow();
  });

  it.each([
    ['$set to another workspace', { $set: { workspaceId: 'ws_b' } }],
    ['$setOnInsert to another workspace', { $setOnInsert: { workspaceId: 'ws_b' } }],
    ['$unset', { $unset: { workspaceId: '' } }],
    ['$rename from it', { $rename: { workspaceId: 'tenant' } }],
    ['$rename onto it', { $rename: { tenant: 'workspaceId' } }],
  ])('refuses %s', (_label, update) => {
    expect(() => assertUpdateKeepsWorkspace('ws_a', update)).toThrow(WorkspaceScopeError);
  });
});

describe('assertDocumentInWorkspace', () => {
  it('accepts a document of the call workspace and refuses any other or none', () => {
    expect(() => assertDocumentInWorkspace('ws_a', { workspaceId: 'ws_a' })).not.toThrow();
    expect(() => assertDocumentInWorkspace('ws_a', { workspaceId: 'ws_b' })).toThrow(
      WorkspaceScopeError,
    );
    expect(() => assertDocumentInWorkspace('ws_a', {})).toThrow(WorkspaceScopeError);
  });
});
