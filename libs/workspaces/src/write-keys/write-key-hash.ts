import { createHash } from 'node:crypto';

/**
 * Write keys are stored only as their SHA-256: a leaked database dump does not hand out
 * keys that can send events. The hash is also the lookup key, so it must stay stable.
 */
export function hashWriteKey(rawKey: string): string {
  return createHash('sha256').update(rawKey, 'utf8').digest('hex');
}
