import { createHash } from 'node:crypto';

const SAFE_LOCAL_PART = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The Message-ID header of a message: the same for every attempt, so a receiver that got an
 * earlier attempt (the send succeeded but the ack was lost) can drop the copy. An id that is
 * not a plain token is hashed rather than escaped.
 */
export function messageIdHeader(messageId: string, domain: string): string {
  const local = SAFE_LOCAL_PART.test(messageId)
    ? messageId
    : createHash('sha256').update(messageId).digest('hex').slice(0, 40);
  return `<${local}@${domain}>`;
}

/** The domain of a From header such as "Meridian <no-reply@meridian.local>", or null. */
export function domainOfAddress(from: string): string | null {
  const address = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from.trim();
  const domain = /^[^@\s]+@([A-Za-z0-9.-]+)$/.exec(address)?.[1];
  return domain ?? null;
}
