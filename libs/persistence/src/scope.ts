import { WorkspaceScopeError } from './errors';

// Pure guards behind BaseRepository: every query gets `workspaceId` ANDed in at the top
// level, and no filter, update or new document may name a different workspace.

export function assertWorkspaceId(workspaceId: string): void {
  if (typeof workspaceId !== 'string' || workspaceId.length === 0) {
    throw new WorkspaceScopeError('A workspaceId is required for every repository call');
  }
}

/**
 * The filter with `workspaceId` added at the top level. Top-level fields are ANDed with
 * every operator in the filter ($or, $nor, ...), so nothing outside the workspace can match.
 */
export function scopeFilter<Filter extends object>(
  workspaceId: string,
  filter: Filter,
): Filter & { workspaceId: string } {
  assertWorkspaceId(workspaceId);
  const named = ownValue(filter, 'workspaceId');
  if (named !== undefined && named !== workspaceId) {
    throw new WorkspaceScopeError(
      `Filter names workspaceId ${JSON.stringify(named)} but the call is scoped to "${workspaceId}"`,
    );
  }
  return { ...filter, workspaceId };
}

/**
 * Refuses an update that would move a document to another workspace. Setting the same
 * workspaceId (as in $setOnInsert for upserts) is allowed; unsetting or renaming it is not.
 */
export function assertUpdateKeepsWorkspace(workspaceId: string, update: object): void {
  assertWorkspaceId(workspaceId);
  for (const [operator, fields] of Object.entries(update)) {
    if (typeof fields !== 'object' || fields === null) continue;
    if (operator === '$rename') {
      const renamed = Object.entries(fields).some(
        ([from, to]) => from === 'workspaceId' || to === 'workspaceId',
      );
      if (renamed) throw new WorkspaceScopeError('An update may not rename to or from workspaceId');
      continue;
    }
    if (!Object.hasOwn(fields, 'workspaceId')) continue;
    const value = ownValue(fields, 'workspaceId');
    if ((operator === '$set' || operator === '$setOnInsert') && value === workspaceId) continue;
    throw new WorkspaceScopeError(
      `An update may not change workspaceId (${operator} in a call scoped to "${workspaceId}")`,
    );
  }
}

/** Refuses a new document whose workspaceId is not the call's. */
export function assertDocumentInWorkspace(workspaceId: string, document: object): void {
  assertWorkspaceId(workspaceId);
  const value = ownValue(document, 'workspaceId');
  if (value !== workspaceId) {
    throw new WorkspaceScopeError(
      `Document has workspaceId ${JSON.stringify(value)} but the call is scoped to "${workspaceId}"`,
    );
  }
}

function ownValue(target: object, key: string): unknown {
  return Object.getOwnPropertyDescriptor(target, key)?.value;
}
