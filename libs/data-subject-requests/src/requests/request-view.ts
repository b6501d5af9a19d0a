import type { DataSubjectRequestView } from './data-subject-request';
import type {
  DataSubjectRequestDocument,
  DeletionConfirmationDocument,
} from './data-subject-requests.collection';
import { pendingServices } from './request-status';

/** A request as the admin API answers it, with its confirmations (any order in, oldest first out). */
export function requestView(
  request: DataSubjectRequestDocument,
  confirmations: readonly DeletionConfirmationDocument[],
): DataSubjectRequestView {
  const own = confirmations
    .filter((confirmation) => confirmation.requestId === request._id)
    .sort((a, b) => a.confirmedAt.getTime() - b.confirmedAt.getTime());
  const required = new Set(request.requiredServices);
  return {
    id: request._id,
    workspaceId: request.workspaceId,
    type: request.type,
    identifiers: request.identifiers.map(({ type, value }) => ({ type, value })),
    status: request.status,
    requiredServices: [...request.requiredServices],
    pendingServices: pendingServices(
      request.requiredServices,
      own.map((confirmation) => confirmation.service),
    ),
    confirmations: own.map((confirmation) => ({
      service: confirmation.service,
      confirmedAt: confirmation.confirmedAt.toISOString(),
      deletedRecords: confirmation.deletedRecords,
      required: required.has(confirmation.service),
    })),
    requestedBy: request.requestedBy,
    createdAt: request.createdAt.toISOString(),
    updatedAt: request.updatedAt.toISOString(),
    // FerretDB may leave a null field out: absent means null.
    completedAt: request.completedAt?.toISOString() ?? null,
    failure: request.failure ?? null,
  };
}
