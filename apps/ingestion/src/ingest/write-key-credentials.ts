/**
 * The write key of a call: Segment SDKs send it as the user name of HTTP Basic auth with an
 * empty password; some (and server-side batch senders) put `writeKey` in the body instead.
 * The header wins when both are present.
 */
export function writeKeyOf(
  authorization: string | undefined,
  body: Readonly<Record<string, unknown>>,
): string | null {
  const fromHeader = writeKeyFromBasicAuth(authorization);
  if (fromHeader !== null) return fromHeader;
  const fromBody = body['writeKey'];
  return typeof fromBody === 'string' && fromBody.length > 0 ? fromBody : null;
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
