import {
  derivedEventId,
  subjects,
  type DataSubjectDeletionConfirmedV1,
  type EnvelopeHeader,
} from '@meridian/contracts';
import type { OutgoingMessage } from '@meridian/messaging';

/** What a confirmation takes from the event that led to it: same workspace and chain. */
export type ConfirmationCause = Pick<
  EnvelopeHeader,
  'workspaceId' | 'receivedAt' | 'correlationId'
>;

/**
 * A service's DataSubjectDeletionConfirmedV1 for a request, on its confirmation subject. The id
 * is `<requestId>:<service>` whichever of the service's instances or partitions publishes it,
 * so owners finishing at once, or a repeated request, store one confirmation within the
 * duplicate window, and ingestion records only the first anyway. causationId is the request id,
 * as ingestion expects.
 */
export function deletionConfirmation(args: {
  readonly cause: ConfirmationCause;
  readonly requestId: string;
  readonly serviceName: string;
  readonly deletedRecords: number;
  /** When the deletion finished. */
  readonly at: string;
}): OutgoingMessage {
  const event: DataSubjectDeletionConfirmedV1 = {
    id: derivedEventId(args.requestId, args.serviceName),
    type: 'data-subject.deletion.confirmed',
    version: 1,
    workspaceId: args.cause.workspaceId,
    occurredAt: args.at,
    receivedAt: args.cause.receivedAt,
    correlationId: args.cause.correlationId,
    causationId: args.requestId,
    payload: {
      requestId: args.requestId,
      service: args.serviceName,
      deletedRecords: args.deletedRecords,
    },
  };
  return { subject: subjects.deletionConfirmed(args.serviceName), event };
}
