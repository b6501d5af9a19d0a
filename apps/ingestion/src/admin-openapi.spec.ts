import { readFileSync } from 'node:fs';
import { ADMIN_OPENAPI_FILE, adminOpenApiDocument } from './admin-openapi';

describe('the committed admin OpenAPI document', () => {
  it('is what the admin operations generate (run `npm run openapi` after changing them)', () => {
    const committed: unknown = JSON.parse(readFileSync(ADMIN_OPENAPI_FILE, 'utf8'));
    // Through JSON, as the file was written: undefined fields disappear, as they do there.
    const generated: unknown = JSON.parse(JSON.stringify(adminOpenApiDocument()));
    expect(committed).toEqual(generated);
  });
});
