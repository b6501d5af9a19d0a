import { z } from 'zod';
import { defineEvent } from '../envelope';
import { ServiceName } from './service-name';

/**
 * A service carried out a data-subject deletion request: it holds nothing more about the
 * person. Published on `privacy.deletion.confirmed.<service>` (subjects.deletionConfirmed)
 * in the request's workspace, with causationId = the request id; `occurredAt` is when the
 * deletion finished. Confirming the same request twice is harmless: ingestion records the
 * first and ignores the others.
 */
export const DataSubjectDeletionConfirmedV1 = defineEvent(
  'data-subject.deletion.confirmed',
  1,
  z.object({
    requestId: z.string().min(1).max(128),
    service: ServiceName,
    /** How many records (profiles, identifiers, deliveries…) the service deleted; 0 is fine. */
    deletedRecords: z.number().int().min(0),
  }),
);
export type DataSubjectDeletionConfirmedV1 = z.infer<typeof DataSubjectDeletionConfirmedV1>;
