/** What one handler claims: the events of one type and version arriving on one consumer. */
export interface HandlerKey {
  /** The consumer definition's name (without a partition suffix). */
  readonly consumer: string;
  readonly type: string;
  readonly version: number;
}

const PREFIX = 'jetstream:';
const PATTERN = /^jetstream:([^/]+)\/(.+)@(\d+)$/;

/**
 * The Nest pattern string of a handler. One string per (consumer, type, version), so two
 * handlers claiming the same events produce the same pattern and can be detected.
 */
export function encodePattern(key: HandlerKey): string {
  if (key.consumer.includes('/'))
    throw new Error(`consumer name "${key.consumer}" must not contain "/"`);
  if (!Number.isInteger(key.version) || key.version < 1)
    throw new Error(`event version must be a positive integer, got ${key.version}`);
  return `${PREFIX}${key.consumer}/${key.type}@${key.version}`;
}

/** The key of a JetStream handler pattern, or undefined for any other pattern. */
export function decodePattern(pattern: unknown): HandlerKey | undefined {
  if (typeof pattern !== 'string') return undefined;
  const match = PATTERN.exec(pattern);
  if (!match) return undefined;
  const [, consumer = '', type = '', version = ''] = match;
  return { consumer, type, version: Number(version) };
}

export function isJetStreamPattern(pattern: unknown): boolean {
  return typeof pattern === 'string' && pattern.startsWith(PREFIX);
}
