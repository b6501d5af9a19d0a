import { streams, type Namespace, type StreamKey } from '@meridian/contracts';

/** Stream keys whose messages are consumed; DLQ and QUARANTINE are only read by people and tools. */
export const CONSUMED_STREAM_KEYS: readonly StreamKey[] = Object.values(streams)
  .map((definition) => definition.key)
  .filter((key) => key !== 'DLQ' && key !== 'QUARANTINE');

/** Durable consumer on the advisory stream that turns MAX_DELIVERIES advisories into dead letters. */
export const ADVISORY_CONSUMER = 'dlq-advisories';

const MAX_DELIVERIES_PREFIX = '$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES';

/** The namespace's advisory stream, next to its other streams ("MERIDIAN_ADVISORIES"). */
export function advisoryStreamName(namespace: Namespace): string {
  return `${namespace.name.toUpperCase()}_ADVISORIES`;
}

/**
 * The advisory subjects of exactly this namespace's consumed streams. Listing the streams by
 * name (not `MAX_DELIVERIES.>`) keeps namespaces on one server from capturing each other's
 * advisories, which the server would refuse anyway as overlapping stream subjects.
 */
export function advisorySubjects(namespace: Namespace): string[] {
  return CONSUMED_STREAM_KEYS.map((key) => `${MAX_DELIVERIES_PREFIX}.${namespace.stream(key)}.*`);
}

/** The registry key of one of the namespace's real stream names. */
export function streamKeyOf(namespace: Namespace, streamName: string): StreamKey | undefined {
  return Object.values(streams).find(
    (definition) => namespace.stream(definition.key) === streamName,
  )?.key;
}
