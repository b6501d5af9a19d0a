import { Injectable } from '@nestjs/common';
import {
  subjects,
  type DataSubjectDeletionRequestedV1,
  type DeletionRequestType,
} from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import type { DataSubjectRequestType } from './data-subject-request';
import type { DataSubjectRequestDocument } from './data-subject-requests.collection';

/**
 * Publishes a request's DataSubjectDeletionRequestedV1 on `privacy.deletion.requested`. The
 * event id is the request id, so publishing again after an unacknowledged attempt stores it once.
 */
@Injectable()
export class DeletionPublisher {
  constructor(private readonly publisher: JetStreamPublisher) {}

  async publish(request: DataSubjectRequestDocument): Promise<void> {
    const requestType = deletionTypeOf(request.type);
    const at = request.createdAt.toISOString();
    const event: DataSubjectDeletionRequestedV1 = {
      id: request._id,
      type: 'data-subject.deletion.requested',
      version: 1,
      workspaceId: request.workspaceId,
      occurredAt: at,
      receivedAt: at,
      correlationId: request._id,
      causationId: null,
      payload: {
        requestId: request._id,
        requestType,
        identifiers: [...request.identifiers],
        requiredServices: [...request.requiredServices],
      },
    };
    await this.publisher.publish(subjects.deletionRequested(), event);
  }
}

function deletionTypeOf(type: DataSubjectRequestType): DeletionRequestType {
  if (type === 'SUPPRESS_WITH_DELETE' || type === 'DELETE_ONLY') return type;
  throw new Error(`a ${type} request deletes nothing and publishes no deletion event`);
}
