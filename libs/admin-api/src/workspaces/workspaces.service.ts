import { Injectable } from '@nestjs/common';
import { WorkspaceRepository, type WorkspaceDocument } from '@meridian/workspaces';
import type { AdminActor } from '../access/admin-actor';
import { AuditLog } from '../audit/audit-log';
import { isoOf } from '../core/admin-schemas';
import { AdminApiError } from '../errors/admin-api-error';
import type { CreateWorkspaceBody, WorkspaceList, WorkspaceView } from './workspaces.schemas';

/** Creating, listing and reading workspaces. */
@Injectable()
export class WorkspacesService {
  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly auditLog: AuditLog,
  ) {}

  /** Only installation-wide owners create workspaces: a workspace key acts on its own only. */
  async create(actor: AdminActor, body: CreateWorkspaceBody): Promise<WorkspaceView> {
    if (actor.workspaceId !== null)
      throw AdminApiError.forbidden('only an installation-wide key may create workspaces');
    const document: WorkspaceDocument = {
      _id: body.workspaceId,
      workspaceId: body.workspaceId,
      name: body.name,
      createdAt: new Date(),
      settings: body.settings ?? {},
    };
    if (!(await this.workspaces.insertIfAbsent(document)))
      throw AdminApiError.conflict(`workspace "${body.workspaceId}" already exists`);
    await this.auditLog.record({
      actor,
      action: 'workspace.create',
      workspaceId: body.workspaceId,
      target: { type: 'workspace', id: body.workspaceId },
      details: { name: body.name },
    });
    return workspaceView(document);
  }

  /** Every workspace for an installation-wide key; a workspace key sees its own. */
  async list(actor: AdminActor): Promise<WorkspaceList> {
    if (actor.workspaceId === null)
      return { workspaces: (await this.workspaces.listAll()).map(workspaceView) };
    const own = await this.workspaces.findById(actor.workspaceId);
    return { workspaces: own === null ? [] : [workspaceView(own)] };
  }

  async get(workspaceId: string): Promise<WorkspaceView> {
    return workspaceView(await this.require(workspaceId));
  }

  /** The workspace, or a 404. */
  async require(workspaceId: string): Promise<WorkspaceDocument> {
    const workspace = await this.workspaces.findById(workspaceId);
    if (workspace === null)
      throw AdminApiError.notFound(`workspace "${workspaceId}" does not exist`);
    return workspace;
  }
}

function workspaceView(document: WorkspaceDocument): WorkspaceView {
  return {
    workspaceId: document.workspaceId,
    name: document.name,
    createdAt: isoOf(document.createdAt),
    settings: document.settings ?? {},
  };
}
