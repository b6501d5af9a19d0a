import { Injectable, Logger } from '@nestjs/common';
import type { DataSubjectDeletionConfirmedV1 } from '@meridian/contracts';
import { PermanentError } from '@meridian/messaging';
import {
  DataSubjectRequestRepository,
  DeletionConfirmationRepository,
} from './data-subject-request.repository';
import { deletionConfirmationId } from './data-subject-requests.collection';
import { statusAfterConfirmations } from './request-status';

/**
 * Records services' deletion confirmations and completes a request once every required
 * service confirmed. Idempotent: a repeated confirmation is not stored again, and the status
 * is worked out from everything on record each time, so a redelivery after a crash between
 * the two steps still completes the request. Instances may record confirmations of one
 * request at once: each inserts its own document, and whichever reads last sees them all.
 */
@Injectable()
export class DeletionConfirmationService {
  private readonly logger = new Logger(DeletionConfirmationService.name);

  constructor(
    private readonly requests: DataSubjectRequestRepository,
    private readonly confirmations: DeletionConfirmationRepository,
  ) {}

  async record(event: DataSubjectDeletionConfirmedV1): Promise<void> {
    const { workspaceId } = event;
    const { requestId, service, deletedRecords } = event.payload;
    const request = await this.requests.findById(workspaceId, requestId);
    // No retry can make the request appear: dead-letter the confirmation for someone to look at.
    if (request === null)
      throw new PermanentError(
        `deletion confirmed by ${service} for data-subject request ${requestId}, which workspace ${workspaceId} does not have`,
      );
    if (!request.requiredServices.includes(service))
      this.logger.warn(
        `${service} confirmed data-subject request ${requestId} but is not one of its required services (${request.requiredServices.join(', ')}): recorded, not counted`,
      );
    await this.confirmations.recordIfAbsent({
      _id: deletionConfirmationId(requestId, service),
      workspaceId,
      requestId,
      service,
      confirmedAt: new Date(event.occurredAt),
      deletedRecords,
      eventId: event.id,
      recordedAt: new Date(),
    });
    const confirmed = await this.confirmations.forRequests(workspaceId, [requestId]);
    const next = statusAfterConfirmations(
      request.status,
      request.requiredServices,
      confirmed.map((confirmation) => confirmation.service),
    );
    if (next === request.status) return;
    await this.requests.changeStatus(workspaceId, requestId, {
      from: [request.status],
      to: next,
      at: new Date(),
    });
  }
}
