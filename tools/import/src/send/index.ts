export { AckWindow } from './ack-window';
export {
  BatchClient,
  BatchFailedError,
  type BatchClientOptions,
  type BatchResult,
  type BatchSender,
  type Refusal,
  type RetryNotice,
} from './batch-client';
export { RequestBuilder, type PendingRequest } from './request-builder';
export { backoffMs, DEFAULT_BACKOFF, MAX_RETRY_AFTER_MS, retryAfterMs } from './retry-delay';
