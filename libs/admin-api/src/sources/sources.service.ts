import { Injectable } from '@nestjs/common';
import {
  SourceRepository,
  SourceSettingsService,
  sourceDocumentId,
  type SourceDocument,
} from '@meridian/workspaces';
import type { AdminActor } from '../access/admin-actor';
import { AuditLog } from '../audit/audit-log';
import { isoOf } from '../core/admin-schemas';
import { AdminApiError } from '../errors/admin-api-error';
import { WorkspacesService } from '../workspaces/workspaces.service';
import type { CreateSourceBody, SourceList, SourceView } from './sources.schemas';

/** Creating, listing and reading a workspace's sources. */
@Injectable()
export class SourcesService {
  constructor(
    private readonly sources: SourceRepository,
    private readonly workspaces: WorkspacesService,
    private readonly sourceSettings: SourceSettingsService,
    private readonly auditLog: AuditLog,
  ) {}

  /**
   * Creates the source; when the workspace names a default consent policy, the source's
   * settings start with it (written after the source, so a refused duplicate changes nothing).
   */
  async create(
    actor: AdminActor,
    workspaceId: string,
    body: CreateSourceBody,
  ): Promise<SourceView> {
    const workspace = await this.workspaces.require(workspaceId);
    const document: SourceDocument = {
      _id: sourceDocumentId(workspaceId, body.sourceId),
      workspaceId,
      sourceId: body.sourceId,
      name: body.name,
      createdAt: new Date(),
    };
    if (!(await this.sources.insertIfAbsent(workspaceId, document)))
      throw AdminApiError.conflict(
        `source "${body.sourceId}" already exists in workspace "${workspaceId}"`,
      );
    const missingConsentPolicy = workspace.settings?.missingConsentPolicy;
    if (missingConsentPolicy !== undefined)
      await this.sourceSettings.put({ workspaceId, sourceId: body.sourceId, missingConsentPolicy });
    await this.auditLog.record({
      actor,
      action: 'source.create',
      workspaceId,
      target: { type: 'source', id: body.sourceId },
      details: { name: body.name },
    });
    return sourceView(document);
  }

  async list(workspaceId: string): Promise<SourceList> {
    await this.workspaces.require(workspaceId);
    return { sources: (await this.sources.listByWorkspace(workspaceId)).map(sourceView) };
  }

  async get(workspaceId: string, sourceId: string): Promise<SourceView> {
    return sourceView(await this.require(workspaceId, sourceId));
  }

  /** The source, or a 404 naming whichever of workspace and source is unknown. */
  async require(workspaceId: string, sourceId: string): Promise<SourceDocument> {
    const source = await this.sources.findBySourceId(workspaceId, sourceId);
    if (source !== null) return source;
    await this.workspaces.require(workspaceId);
    throw AdminApiError.notFound(
      `source "${sourceId}" does not exist in workspace "${workspaceId}"`,
    );
  }
}

function sourceView(document: SourceDocument): SourceView {
  return {
    workspaceId: document.workspaceId,
    sourceId: document.sourceId,
    name: document.name,
    createdAt: isoOf(document.createdAt),
  };
}
