import type { CallAcceptedV1 } from '@meridian/contracts';

/**
 * Where accepted calls go. The promise resolves only once the stream has stored EVERY event
 * and rejects when any one could not be (stream missing, server down, timeout); the service
 * turns a rejection into 503 for the whole request, so an SDK retries instead of losing a
 * call. It resolves to whether each event (in order) was a duplicate the stream dropped.
 */
export abstract class CallPublisher {
  abstract publishAll(events: readonly CallAcceptedV1[]): Promise<readonly boolean[]>;
}
