import type { Identifier } from '@meridian/contracts';
import { defineCollection } from '@meridian/persistence';
import type { DataSubjectRequestStatus, DataSubjectRequestType } from './data-subject-request';

/** One document per data-subject request; listed newest first, optionally by status. */
export const dataSubjectRequestsCollection = defineCollection({
  name: 'data_subject_requests',
  indexes: [
    { name: 'workspace_created', key: { workspaceId: 1, createdAt: -1 } },
    { name: 'workspace_status_created', key: { workspaceId: 1, status: 1, createdAt: -1 } },
  ],
});

export interface DataSubjectRequestDocument {
  /** "dsr_" + a UUID; also the deletion event's id and Nats-Msg-Id. */
  readonly _id: string;
  readonly workspaceId: string;
  readonly type: DataSubjectRequestType;
  readonly identifiers: readonly Identifier[];
  readonly status: DataSubjectRequestStatus;
  /** The configured services at creation time: a later change of the setting does not move it. */
  readonly requiredServices: readonly string[];
  /** keyId of the admin key that made it. */
  readonly requestedBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Absent or null until completed. */
  readonly completedAt?: Date | null;
  /** Absent or null unless failed. */
  readonly failure?: string | null;
}

/**
 * Confirmations live in their own collection, one insert-only document per (request,
 * service), not in an array on the request: every ingestion instance consumes them, and
 * FerretDB does not make concurrent updates of one document safe. The unique _id makes a
 * repeated confirmation a no-op.
 */
export const deletionConfirmationsCollection = defineCollection({
  name: 'data_subject_request_confirmations',
  indexes: [{ name: 'workspace_request', key: { workspaceId: 1, requestId: 1 } }],
});

export interface DeletionConfirmationDocument {
  /** `<requestId>|<service>`. */
  readonly _id: string;
  readonly workspaceId: string;
  readonly requestId: string;
  readonly service: string;
  /** The confirmation event's occurredAt: when the service finished deleting. */
  readonly confirmedAt: Date;
  readonly deletedRecords: number;
  /** The confirmation event's id. */
  readonly eventId: string;
  readonly recordedAt: Date;
}

export function deletionConfirmationId(requestId: string, service: string): string {
  return `${requestId}|${service}`;
}
