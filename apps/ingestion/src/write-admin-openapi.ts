import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { ADMIN_OPENAPI_FILE, adminOpenApiDocument } from './admin-openapi';

/**
 * `npm run openapi`: writes docs/openapi/admin-api.json from the operations in
 * admin-openapi.ts, formatted as the repository's prettier formats JSON.
 */
async function main(): Promise<void> {
  const options = (await resolveConfig(ADMIN_OPENAPI_FILE)) ?? {};
  const text = await format(JSON.stringify(adminOpenApiDocument()), {
    ...options,
    parser: 'json',
  });
  await mkdir(dirname(ADMIN_OPENAPI_FILE), { recursive: true });
  await writeFile(ADMIN_OPENAPI_FILE, text);
  console.log(`Wrote ${ADMIN_OPENAPI_FILE}`);
}

main().catch((error: unknown) => {
  console.error('writing the admin OpenAPI document failed:', error);
  process.exitCode = 1;
});
