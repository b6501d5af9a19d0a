import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AdminApiError, AuditLog, type AdminActor } from '@meridian/admin-api';
import { WorkspaceRepository } from '@meridian/workspaces';
import { normaliseRequestIdentifiers } from '../identifiers/subject-identifier';
import { DATA_SUBJECT_REQUEST_SETTINGS, type DataSubjectRequestSettings } from '../settings';
import {
  SuppressionService,
  type ListSuppressionsQuery,
  type SuppressionList,
} from '../suppressions/suppression.service';
import type {
  CreateDataSubjectRequest,
  DataSubjectRequestList,
  DataSubjectRequestView,
  ListDataSubjectRequestsQuery,
} from './data-subject-request';
import {
  DataSubjectRequestRepository,
  DeletionConfirmationRepository,
} from './data-subject-request.repository';
import type { DataSubjectRequestDocument } from './data-subject-requests.collection';
import { DeletionPublisher } from './deletion-publisher';
import { deletes, requiredServicesFor, statusOnceCarriedOut } from './request-status';
import { requestView } from './request-view';

/**
 * Makes, lists and reads data-subject requests. A request is stored `pending` first, so
 * nothing is carried out that is not on record; then its suppressions are stored or lifted,
 * its deletion published, and its status moved on (see request-status.ts). A deletion is
 * marked in_progress before it is published, so a confirmation can never find it pending.
 */
@Injectable()
export class DataSubjectRequestService {
  private readonly logger = new Logger(DataSubjectRequestService.name);

  constructor(
    @Inject(DATA_SUBJECT_REQUEST_SETTINGS) private readonly settings: DataSubjectRequestSettings,
    private readonly requests: DataSubjectRequestRepository,
    private readonly confirmations: DeletionConfirmationRepository,
    private readonly suppressions: SuppressionService,
    private readonly deletions: DeletionPublisher,
    private readonly workspaces: WorkspaceRepository,
    private readonly auditLog: AuditLog,
  ) {}

  async create(
    actor: AdminActor,
    workspaceId: string,
    body: CreateDataSubjectRequest,
  ): Promise<DataSubjectRequestView> {
    const normalised = normaliseRequestIdentifiers(
      body.identifiers,
      this.settings.defaultPhoneRegion,
    );
    if (!normalised.ok)
      throw AdminApiError.invalid('some identifiers cannot be normalised', normalised.issues);
    await this.requireWorkspace(workspaceId);
    const now = new Date();
    const request: DataSubjectRequestDocument = {
      _id: `dsr_${randomUUID()}`,
      workspaceId,
      type: body.type,
      identifiers: normalised.identifiers,
      status: 'pending',
      requiredServices: requiredServicesFor(body.type, this.settings.deletionConfirmers),
      requestedBy: actor.keyId,
      createdAt: now,
      updatedAt: now,
    };
    await this.requests.insert(request);
    await this.carryOut(request);
    await this.auditLog.record({
      actor,
      action: 'data-subject-request.create',
      workspaceId,
      target: { type: 'data-subject-request', id: request._id },
      // Identifier types only: the values are personal data and stay on the request.
      details: {
        type: request.type,
        identifierTypes: request.identifiers.map((identifier) => identifier.type),
      },
    });
    return this.get(workspaceId, request._id);
  }

  async list(
    workspaceId: string,
    query: ListDataSubjectRequestsQuery,
  ): Promise<DataSubjectRequestList> {
    await this.requireWorkspace(workspaceId);
    const requests = await this.requests.list(workspaceId, query);
    const confirmations = await this.confirmations.forRequests(
      workspaceId,
      requests.filter((request) => deletes(request.type)).map((request) => request._id),
    );
    return { requests: requests.map((request) => requestView(request, confirmations)) };
  }

  async get(workspaceId: string, requestId: string): Promise<DataSubjectRequestView> {
    const request = await this.requests.findById(workspaceId, requestId);
    if (request === null) {
      await this.requireWorkspace(workspaceId);
      throw AdminApiError.notFound(
        `data-subject request "${requestId}" does not exist in workspace "${workspaceId}"`,
      );
    }
    return requestView(request, await this.confirmations.forRequests(workspaceId, [requestId]));
  }

  /** The workspace's active suppressions with their dropped-event counts. */
  async listSuppressions(
    workspaceId: string,
    query: ListSuppressionsQuery,
  ): Promise<SuppressionList> {
    await this.requireWorkspace(workspaceId);
    return { suppressions: await this.suppressions.list(workspaceId, query) };
  }

  /**
   * Does the request's own part. When a step fails the request is marked failed with the
   * reason, and the caller gets a 503: the suppressions or the event may be half done, and
   * a new request of the same kind repeats them safely (both are idempotent).
   */
  private async carryOut(request: DataSubjectRequestDocument): Promise<void> {
    const { workspaceId, _id: id, type, identifiers } = request;
    const next = statusOnceCarriedOut(type, request.requiredServices);
    try {
      if (type === 'SUPPRESS' || type === 'SUPPRESS_WITH_DELETE')
        await this.suppressions.suppress(workspaceId, identifiers, id, request.createdAt);
      if (type === 'UNSUPPRESS') await this.suppressions.unsuppress(workspaceId, identifiers);
      if (next === 'in_progress') await this.move(request, ['pending'], 'in_progress');
      if (deletes(type)) await this.deletions.publish(request);
      if (next === 'completed') await this.move(request, ['pending'], 'completed');
    } catch (error) {
      const failure = describe(error);
      this.logger.error(`data-subject request ${id} failed: ${failure}`);
      await this.move(request, ['pending', 'in_progress'], 'failed', failure);
      throw new AdminApiError(
        503,
        'unavailable',
        `the request was stored as ${id} but could not be carried out (${failure}); retry with a new request`,
      );
    }
  }

  private async move(
    request: DataSubjectRequestDocument,
    from: DataSubjectRequestDocument['status'][],
    to: DataSubjectRequestDocument['status'],
    failure?: string,
  ): Promise<void> {
    await this.requests.changeStatus(request.workspaceId, request._id, {
      from,
      to,
      at: new Date(),
      ...(failure === undefined ? {} : { failure }),
    });
  }

  private async requireWorkspace(workspaceId: string): Promise<void> {
    if ((await this.workspaces.findById(workspaceId)) === null)
      throw AdminApiError.notFound(`workspace "${workspaceId}" does not exist`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
