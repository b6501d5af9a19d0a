import type { DataSubjectRequestStatus, DataSubjectRequestType } from './data-subject-request';

/** Whether a request of this type asks the services to delete (and so waits for them). */
export function deletes(type: DataSubjectRequestType): boolean {
  return type === 'SUPPRESS_WITH_DELETE' || type === 'DELETE_ONLY';
}

/** Whether a request of this type stores suppressions. */
export function suppresses(type: DataSubjectRequestType): boolean {
  return type === 'SUPPRESS' || type === 'SUPPRESS_WITH_DELETE';
}

/** The services a new request must hear from: the configured ones for a deletion, none otherwise. */
export function requiredServicesFor(
  type: DataSubjectRequestType,
  configured: readonly string[],
): string[] {
  return deletes(type) ? [...new Set(configured)] : [];
}

/** Required services that have not confirmed; services nobody required do not count. */
export function pendingServices(
  required: readonly string[],
  confirmed: readonly string[],
): string[] {
  const done = new Set(confirmed);
  return required.filter((service) => !done.has(service));
}

/**
 * The status once the request's own part is done (suppressions stored or removed, deletion
 * published): a deletion waits for its services unless none is required.
 */
export function statusOnceCarriedOut(
  type: DataSubjectRequestType,
  required: readonly string[],
): DataSubjectRequestStatus {
  return deletes(type) && required.length > 0 ? 'in_progress' : 'completed';
}

/**
 * The status after the confirmations now on record. Only a deletion waiting for its services
 * completes this way. A `failed` one completes too: it failed because its publish was not
 * acknowledged, yet confirmations prove the stream took it after all. A pending request
 * has published nothing, and a completed one stays completed.
 */
export function statusAfterConfirmations(
  current: DataSubjectRequestStatus,
  required: readonly string[],
  confirmed: readonly string[],
): DataSubjectRequestStatus {
  if (current !== 'in_progress' && current !== 'failed') return current;
  if (required.length === 0 && current === 'failed') return current;
  return pendingServices(required, confirmed).length === 0 ? 'completed' : current;
}
