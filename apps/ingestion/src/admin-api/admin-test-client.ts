import { AdminKeyService, type AdminKeyRole } from '@meridian/workspaces';
import type { IngestionInstance } from '../testing/ingestion-test-bed';

export interface AdminAnswer {
  readonly status: number;
  /** The parsed JSON body (undefined when empty). */
  readonly body: unknown;
}

/** Calls the admin API of an instance with a bearer key (none when `key` is null). */
export async function adminCall(
  instance: IngestionInstance,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  key: string | null,
  body?: unknown,
): Promise<AdminAnswer> {
  const response = await fetch(`${instance.url}${path}`, {
    method,
    headers: {
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text.length === 0 ? undefined : JSON.parse(text) };
}

/** Seeds an admin key directly, as the CLI does: the bootstrap every installation starts from. */
export async function seedAdminKey(
  instance: IngestionInstance,
  rawKey: string,
  role: AdminKeyRole,
  workspaceId: string | null,
): Promise<void> {
  await instance.app
    .get(AdminKeyService)
    .seed({ rawKey, role, workspaceId, name: `seeded ${role}` });
}

/** A field of an answer body, for specs that read ids out of answers. */
export function field(answer: AdminAnswer, name: string): string {
  const body = answer.body;
  const value =
    typeof body === 'object' && body !== null
      ? Object.getOwnPropertyDescriptor(body, name)?.value
      : undefined;
  if (typeof value !== 'string')
    throw new Error(`answer ${answer.status} has no string "${name}": ${JSON.stringify(body)}`);
  return value;
}
