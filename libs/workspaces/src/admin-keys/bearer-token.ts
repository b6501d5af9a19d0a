/**
 * The token of an `Authorization: Bearer <token>` header as sent (HTTP header or gRPC
 * metadata value), or null for anything else: the one way every API reads an admin key.
 */
export function bearerToken(authorization: unknown): string | null {
  if (typeof authorization !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim());
  return match?.[1] ?? null;
}
