import { Identifier, ServiceName } from '@meridian/contracts';
import { z } from 'zod';
import { SubjectIdentifier } from '../identifiers/subject-identifier';

/**
 * What an administrator asks for one person:
 * - SUPPRESS: drop their new events at ingestion (counted), keep what is stored;
 * - SUPPRESS_WITH_DELETE: suppress, and ask every service to delete what it holds;
 * - DELETE_ONLY: ask every service to delete, but accept new events again;
 * - UNSUPPRESS: lift a suppression.
 */
export const DataSubjectRequestType = z.enum([
  'SUPPRESS',
  'SUPPRESS_WITH_DELETE',
  'DELETE_ONLY',
  'UNSUPPRESS',
]);
export type DataSubjectRequestType = z.infer<typeof DataSubjectRequestType>;

/**
 * pending: stored, not carried out yet; in_progress: deletion published, waiting for
 * confirmations; completed: every part done (for a deletion, every required service
 * confirmed); failed: it could not be carried out (see `failure`).
 */
export const DataSubjectRequestStatus = z.enum(['pending', 'in_progress', 'completed', 'failed']);
export type DataSubjectRequestStatus = z.infer<typeof DataSubjectRequestStatus>;

export const MAX_IDENTIFIERS_PER_REQUEST = 20;

/** The body of POST .../data-subject-requests. */
export const CreateDataSubjectRequest = z.strictObject({
  type: DataSubjectRequestType,
  identifiers: z.array(SubjectIdentifier).min(1).max(MAX_IDENTIFIERS_PER_REQUEST),
});
export type CreateDataSubjectRequest = z.infer<typeof CreateDataSubjectRequest>;

/** The query of GET .../data-subject-requests. */
export const ListDataSubjectRequestsQuery = z.strictObject({
  status: DataSubjectRequestStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListDataSubjectRequestsQuery = z.infer<typeof ListDataSubjectRequestsQuery>;

/** One service's confirmation that it deleted what it held. */
export const DeletionConfirmationView = z.object({
  service: ServiceName,
  confirmedAt: z.iso.datetime(),
  deletedRecords: z.number().int().min(0),
  /** False for a service outside the request's requiredServices: recorded, not counted. */
  required: z.boolean(),
});
export type DeletionConfirmationView = z.infer<typeof DeletionConfirmationView>;

/** A data-subject request as the admin API answers it. */
export const DataSubjectRequestView = z.object({
  id: z.string(),
  workspaceId: z.string(),
  type: DataSubjectRequestType,
  /** Normalised: emails trimmed and lower-cased, phones in E.164. */
  identifiers: z.array(Identifier),
  status: DataSubjectRequestStatus,
  /** Services that must confirm a deletion; empty for SUPPRESS and UNSUPPRESS. */
  requiredServices: z.array(ServiceName),
  /** Required services that have not confirmed yet. */
  pendingServices: z.array(ServiceName),
  confirmations: z.array(DeletionConfirmationView),
  /** The admin key that made the request. */
  requestedBy: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  completedAt: z.iso.datetime().nullable(),
  failure: z.string().nullable(),
});
export type DataSubjectRequestView = z.infer<typeof DataSubjectRequestView>;

export const DataSubjectRequestList = z.object({ requests: z.array(DataSubjectRequestView) });
export type DataSubjectRequestList = z.infer<typeof DataSubjectRequestList>;
