/** The write key a request carries, or why it carries none usable. */
export type WriteKeyCredential =
  | { readonly found: true; readonly writeKey: string }
  | { readonly found: false; readonly reason: string };

/**
 * The write key of a request, from any of the three places Segment clients put it:
 * - HTTP Basic auth with the key as user name and an empty password (Segment's SDKs);
 * - `Authorization: Bearer <key>`: until admin and OAuth tokens exist, a bearer token IS a
 *   write key;
 * - `writeKey` in the JSON body (server-side senders, batch files).
 * A header and a body that name two different keys are refused, not guessed between.
 */
export function writeKeyOf(
  authorization: string | undefined,
  body: Readonly<Record<string, unknown>>,
): WriteKeyCredential {
  const fromHeader = writeKeyFromAuthorization(authorization);
  const fromBody = writeKeyFromBody(body);
  if (fromHeader !== null && fromBody !== null && fromHeader !== fromBody) {
    return {
      found: false,
      reason: 'the Authorization header and the body carry different write keys',
    };
  }
  const writeKey = fromHeader ?? fromBody;
  return writeKey === null
    ? {
        found: false,
        reason: 'no write key: send it as Basic auth user name, Bearer token or body writeKey',
      }
    : { found: true, writeKey };
}

/** The key of a Basic or Bearer Authorization header, or null when there is none. */
export function writeKeyFromAuthorization(authorization: string | undefined): string | null {
  return writeKeyFromBasicAuth(authorization) ?? writeKeyFromBearer(authorization);
}

/** The user name of a `Basic base64(user:password)` header, or null when there is none. */
export function writeKeyFromBasicAuth(authorization: string | undefined): string | null {
  if (authorization === undefined) return null;
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(authorization.trim());
  const encoded = match?.[1];
  if (encoded === undefined) return null;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  // The password is ignored (Segment sends it empty); a key never contains a colon.
  const separator = decoded.indexOf(':');
  const user = separator === -1 ? decoded : decoded.slice(0, separator);
  return user.length > 0 ? user : null;
}

/** The token of a `Bearer <token>` header, or null when there is none. */
export function writeKeyFromBearer(authorization: string | undefined): string | null {
  if (authorization === undefined) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim());
  return match?.[1] ?? null;
}

function writeKeyFromBody(body: Readonly<Record<string, unknown>>): string | null {
  const fromBody = body['writeKey'];
  return typeof fromBody === 'string' && fromBody.length > 0 ? fromBody : null;
}
