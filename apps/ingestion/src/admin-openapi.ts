import { join } from 'node:path';
import { adminCoreOperations, buildAdminOpenApi, type AdminOperation } from '@meridian/admin-api';
import { dataSubjectRequestOperations } from '@meridian/data-subject-requests';
import { importOperations } from './imports';
import { quarantineOperations } from './quarantine';

/**
 * Every admin operation this service serves, in one list for one OpenAPI document. A new
 * admin feature adds one import and one spread here; paths are sorted when the document is
 * built, so the order of this list does not matter.
 */
export const adminOperations: readonly AdminOperation[] = [
  ...adminCoreOperations,
  ...quarantineOperations,
  ...importOperations,
  ...dataSubjectRequestOperations,
];

/** The admin API's OpenAPI 3.1 document, served at GET /admin/v1/openapi.json. */
export function adminOpenApiDocument(): Record<string, unknown> {
  return buildAdminOpenApi(adminOperations);
}

/** The committed copy (`npm run openapi` rewrites it; a spec fails when it is stale). */
export const ADMIN_OPENAPI_FILE = join(__dirname, '../../../docs/openapi/admin-api.json');
