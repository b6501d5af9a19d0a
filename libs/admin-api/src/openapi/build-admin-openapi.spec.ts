import { z } from 'zod';
import type { AdminOperation } from './admin-operation';
import { buildAdminOpenApi } from './build-admin-openapi';

const Params = z.object({ workspaceId: z.string().regex(/^[a-z]+$/) });
const Thing = z.object({ id: z.string(), createdAt: z.iso.datetime() });

const getThing: AdminOperation = {
  method: 'get',
  path: '/admin/v1/workspaces/{workspaceId}/things',
  summary: 'List things',
  role: 'read-only',
  tag: 'Things',
  params: Params,
  query: z.object({ limit: z.coerce.number().int().default(10), cursor: z.string() }),
  responses: { 200: { description: 'The things', schema: z.array(Thing) } },
};

const postThing: AdminOperation = {
  method: 'post',
  path: '/admin/v1/workspaces/{workspaceId}/things',
  summary: 'Create a thing',
  role: 'admin',
  tag: 'Things',
  params: Params,
  body: z.strictObject({ name: z.string() }),
  responses: {
    201: { description: 'The thing', schema: Thing },
    409: { description: 'Taken' },
  },
};

const listKeys: AdminOperation = {
  method: 'get',
  path: '/admin/v1/admin-keys',
  summary: 'List keys',
  role: 'owner',
  tag: 'Keys',
  responses: { 200: { description: 'The keys' } },
};

/** The value at a path of keys in the document. */
function at(value: unknown, ...keys: string[]): unknown {
  return keys.reduce<unknown>(
    (current, key) => (current as Record<string, unknown> | undefined)?.[key],
    value,
  );
}

describe('buildAdminOpenApi', () => {
  const document = buildAdminOpenApi([postThing, getThing, listKeys]);

  it('is an OpenAPI 3.1 document with bearer authentication and sorted tags and paths', () => {
    expect(at(document, 'openapi')).toBe('3.1.0');
    expect(at(document, 'security')).toEqual([{ adminKey: [] }]);
    expect(at(document, 'components', 'securitySchemes', 'adminKey')).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    expect(at(document, 'tags')).toEqual([{ name: 'Keys' }, { name: 'Things' }]);
    expect(Object.keys(document['paths'] as object)).toEqual([
      '/admin/v1/admin-keys',
      '/admin/v1/workspaces/{workspaceId}/things',
    ]);
  });

  it('describes path and query parameters from their zod objects', () => {
    const operation = (...keys: string[]) =>
      at(document, 'paths', '/admin/v1/workspaces/{workspaceId}/things', 'get', ...keys);
    expect(operation('parameters')).toEqual([
      {
        name: 'workspaceId',
        in: 'path',
        required: true,
        schema: { type: 'string', pattern: '^[a-z]+$' },
      },
      {
        name: 'limit',
        in: 'query',
        required: false,
        schema: {
          type: 'integer',
          default: 10,
          minimum: expect.any(Number),
          maximum: expect.any(Number),
        },
      },
      { name: 'cursor', in: 'query', required: true, schema: { type: 'string' } },
    ]);
    expect(operation('x-meridian-role')).toBe('read-only');
    expect(operation('operationId')).toBe('getWorkspacesByWorkspaceIdThings');
  });

  it('describes the JSON body and responses as JSON Schema without a $schema key', () => {
    const operation = (...keys: string[]) =>
      at(document, 'paths', '/admin/v1/workspaces/{workspaceId}/things', 'post', ...keys);
    expect(operation('requestBody')).toEqual({
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: { name: { type: 'string' } },
            required: ['name'],
            additionalProperties: false,
          },
        },
      },
    });
    expect(
      operation(
        'responses',
        '201',
        'content',
        'application/json',
        'schema',
        'properties',
        'createdAt',
      ),
    ).toMatchObject({ type: 'string', format: 'date-time' });
    expect(JSON.stringify(document)).not.toContain('$schema');
  });

  it('adds the error answers to every operation, keeping the ones it declares', () => {
    const responses = at(
      document,
      'paths',
      '/admin/v1/workspaces/{workspaceId}/things',
      'post',
      'responses',
    ) as Record<string, unknown>;
    expect(Object.keys(responses).sort()).toEqual(['201', '400', '401', '403', '409']);
    expect(responses['409']).toEqual({
      description: 'Taken',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/AdminError' } } },
    });
    expect(at(document, 'components', 'schemas', 'AdminError')).toMatchObject({
      type: 'object',
      required: ['error'],
    });
  });

  it('refuses two operations on one method and path', () => {
    expect(() => buildAdminOpenApi([getThing, getThing])).toThrow(
      'admin operation GET /admin/v1/workspaces/{workspaceId}/things twice',
    );
  });

  it('refuses a path placeholder without a param, and a param without a placeholder', () => {
    expect(() => buildAdminOpenApi([{ ...getThing, params: undefined }])).toThrow(
      /missing \["workspaceId"\]/,
    );
    expect(() => buildAdminOpenApi([{ ...listKeys, params: Params }])).toThrow(
      /extra \["workspaceId"\]/,
    );
  });
});
