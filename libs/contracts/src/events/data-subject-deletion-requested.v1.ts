import { z } from 'zod';
import { defineEvent } from '../envelope';
import { Identifier } from './profile-snapshot';
import { ServiceName } from './service-name';

/** The data-subject request types that delete: with or without suppressing new events. */
export const DeletionRequestType = z.enum(['SUPPRESS_WITH_DELETE', 'DELETE_ONLY']);
export type DeletionRequestType = z.infer<typeof DeletionRequestType>;

/**
 * An administrator asked Meridian to delete everything it holds about one person. Every
 * service holding personal data consumes this from `privacy.deletion.requested` (stream
 * PRIVACY), deletes what it holds for any of the identifiers in the envelope's workspace,
 * and then publishes DataSubjectDeletionConfirmedV1. The envelope id is the request id (and
 * the Nats-Msg-Id); the request is complete once every service in `requiredServices` confirmed.
 */
export const DataSubjectDeletionRequestedV1 = defineEvent(
  'data-subject.deletion.requested',
  1,
  z.object({
    requestId: z.string().min(1).max(128),
    requestType: DeletionRequestType,
    /**
     * The person's identifiers as ingestion stores them: emails trimmed and lower-cased,
     * phones in E.164, every other value exactly as given (userId, anonymousId, or the type
     * of a context.externalIds entry).
     */
    identifiers: z.array(Identifier).min(1).max(20),
    /** The services whose confirmations complete the request, as configured when it was made. */
    requiredServices: z.array(ServiceName),
  }),
);
export type DataSubjectDeletionRequestedV1 = z.infer<typeof DataSubjectDeletionRequestedV1>;
