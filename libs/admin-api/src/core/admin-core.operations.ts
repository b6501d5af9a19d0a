import { adminKeyOperations } from '../admin-keys/admin-keys.operations';
import { auditLogOperations } from '../audit/audit-log.operations';
import type { AdminOperation } from '../openapi/admin-operation';
import { sourceSettingsOperations } from '../source-settings/source-settings.operations';
import { sourceOperations } from '../sources/sources.operations';
import { workspaceOperations } from '../workspaces/workspaces.operations';
import { writeKeyOperations } from '../write-keys/write-keys.operations';

/** Every route of AdminCoreModule, for the OpenAPI document. */
export const adminCoreOperations: readonly AdminOperation[] = [
  ...adminKeyOperations,
  ...workspaceOperations,
  ...sourceOperations,
  ...writeKeyOperations,
  ...sourceSettingsOperations,
  ...auditLogOperations,
];
