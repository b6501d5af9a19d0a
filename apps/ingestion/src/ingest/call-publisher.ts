import type { CallAcceptedV1 } from '@meridian/contracts';

/**
 * Where accepted calls go. The promise resolves only once the stream has stored the event
 * and rejects when it could not (stream missing, server down, timeout); the service turns
 * a rejection into 503 so an SDK retries instead of losing the call.
 */
export abstract class CallPublisher {
  abstract publish(event: CallAcceptedV1): Promise<void>;
}
