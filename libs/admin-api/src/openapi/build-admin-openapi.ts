import { z } from 'zod';
import type { AdminOperation } from './admin-operation';

/** The body of every error answer. */
export const AdminErrorBody = z.object({
  error: z.object({
    code: z.string().meta({ description: 'Machine-readable, e.g. invalid_request, not_found' }),
    message: z.string(),
    issues: z
      .array(z.unknown())
      .optional()
      .meta({ description: 'Every problem of an invalid request, with its path' }),
  }),
});
export type AdminErrorBody = z.infer<typeof AdminErrorBody>;

type JsonObject = Record<string, unknown>;

const ERROR_RESPONSES: Readonly<Record<number, string>> = {
  400: 'Invalid request (code invalid_request, with issues)',
  401: 'Missing, unknown or revoked admin key (code unauthenticated)',
  403: "The key's role is too low or it may not act on this workspace (code forbidden)",
};
const ERROR_REF = { $ref: '#/components/schemas/AdminError' };
const METHOD_ORDER = ['get', 'post', 'put', 'delete'];

export interface AdminOpenApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
}

const DEFAULT_INFO: AdminOpenApiInfo = {
  title: 'Meridian admin API',
  version: '1',
  description:
    'Administration of a Meridian installation, served by the ingestion service under ' +
    '/admin/v1. Authenticate with `Authorization: Bearer <admin key>`; roles rank ' +
    'owner > admin > read-only.',
};

/**
 * One OpenAPI 3.1 document for every admin operation. Paths are sorted, so the document
 * does not depend on the order features are listed in. Throws on a duplicate route or a
 * path placeholder without a matching param: those are programming errors a spec catches.
 */
export function buildAdminOpenApi(
  operations: readonly AdminOperation[],
  info: AdminOpenApiInfo = DEFAULT_INFO,
): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const operation of sortedOperations(operations)) {
    const item = (paths[operation.path] ??= {});
    if (item[operation.method] !== undefined)
      throw new Error(`admin operation ${operation.method.toUpperCase()} ${operation.path} twice`);
    item[operation.method] = operationObject(operation);
  }
  return {
    openapi: '3.1.0',
    info,
    tags: [...new Set(operations.map((operation) => operation.tag))]
      .sort()
      .map((name) => ({ name })),
    security: [{ adminKey: [] }],
    paths,
    components: {
      securitySchemes: {
        adminKey: { type: 'http', scheme: 'bearer', description: 'An admin key' },
      },
      schemas: { AdminError: schemaOf(AdminErrorBody, 'output') },
    },
  };
}

function sortedOperations(operations: readonly AdminOperation[]): AdminOperation[] {
  return [...operations].sort(
    (a, b) =>
      a.path.localeCompare(b.path) ||
      METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method),
  );
}

function operationObject(operation: AdminOperation): JsonObject {
  const parameters = [
    ...pathParameters(operation),
    ...(operation.query === undefined ? [] : objectParameters(operation.query, 'query')),
  ];
  return {
    operationId: operationIdOf(operation),
    summary: operation.summary,
    description: `Requires the ${operation.role} role or higher.`,
    tags: [operation.tag],
    'x-meridian-role': operation.role,
    ...(parameters.length === 0 ? {} : { parameters }),
    ...(operation.body === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemaOf(operation.body, 'input') } },
          },
        }),
    responses: responsesOf(operation),
  };
}

function pathParameters(operation: AdminOperation): JsonObject[] {
  const placeholders = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
  const declared = Object.keys(operation.params?.shape ?? {});
  const missing = placeholders.filter((name) => name === undefined || !declared.includes(name));
  const extra = declared.filter((name) => !placeholders.includes(name));
  if (missing.length > 0 || extra.length > 0)
    throw new Error(
      `admin operation ${operation.method.toUpperCase()} ${operation.path}: path placeholders ` +
        `and params differ (missing ${JSON.stringify(missing)}, extra ${JSON.stringify(extra)})`,
    );
  return operation.params === undefined ? [] : objectParameters(operation.params, 'path');
}

function objectParameters(schema: z.ZodObject, location: 'path' | 'query'): JsonObject[] {
  const json = schemaOf(schema, 'input');
  const properties = isObject(json['properties']) ? json['properties'] : {};
  const required = Array.isArray(json['required']) ? json['required'] : [];
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.includes(name),
    schema: property,
  }));
}

function responsesOf(operation: AdminOperation): JsonObject {
  const responses: JsonObject = {};
  for (const [status, response] of Object.entries(operation.responses)) {
    const schema =
      response.schema === undefined
        ? Number(status) >= 400
          ? ERROR_REF
          : undefined
        : schemaOf(response.schema, 'output');
    responses[status] = {
      description: response.description,
      ...(schema === undefined ? {} : { content: { 'application/json': { schema } } }),
    };
  }
  for (const [status, description] of Object.entries(ERROR_RESPONSES)) {
    responses[status] ??= {
      description,
      content: { 'application/json': { schema: ERROR_REF } },
    };
  }
  return responses;
}

/** A JSON Schema (2020-12, which OpenAPI 3.1 uses) for one zod schema, without `$schema`. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const json: JsonObject = z.toJSONSchema(schema, { target: 'draft-2020-12', io });
  // The document's dialect is OpenAPI 3.1's (JSON Schema 2020-12); embedded schemas omit it.
  delete json['$schema'];
  return json;
}

/** e.g. GET /admin/v1/workspaces/{workspaceId}/sources → getWorkspacesByWorkspaceIdSources. */
function operationIdOf(operation: AdminOperation): string {
  const words = operation.path
    .replace(/^\/admin\/v1\//, '')
    .split('/')
    .filter((segment) => segment.length > 0)
    .map((segment) => {
      const param = /^\{(.+)\}$/.exec(segment)?.[1];
      return param === undefined ? pascal(segment) : `By${pascal(param)}`;
    });
  return `${operation.method}${words.join('')}`;
}

function pascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join('');
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
