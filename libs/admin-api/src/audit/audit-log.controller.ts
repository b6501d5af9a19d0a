import { Controller, Get, Param, Query } from '@nestjs/common';
import type { AdminActor } from '../access/admin-actor';
import { Actor, AdminRoute } from '../access/admin-route.decorator';
import { AdminApiError } from '../errors/admin-api-error';
import { isoOf, WorkspaceParams } from '../core/admin-schemas';
import { parseAdminInput } from '../errors/parse-admin-input';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { AuditLog, type AuditPage } from './audit-log';
import { AuditLogQuery, type AuditLogPageView } from './audit-log.schemas';

@Controller('admin/v1/workspaces/:workspaceId/audit-log')
export class AuditLogController {
  constructor(
    private readonly auditLog: AuditLog,
    private readonly workspaces: WorkspacesService,
  ) {}

  @Get()
  @AdminRoute('read-only')
  async list(@Param() params: unknown, @Query() query: unknown): Promise<AuditLogPageView> {
    const { workspaceId } = parseAdminInput(WorkspaceParams, params);
    const { cursor, limit } = parseAdminInput(AuditLogQuery, query);
    await this.workspaces.require(workspaceId);
    return pageView(await this.auditLog.list(workspaceId, pageOf(cursor, limit)));
  }
}

/** Installation-wide actions (workspaceId null), for installation-wide keys only. */
@Controller('admin/v1/audit-log')
export class InstallationAuditLogController {
  constructor(private readonly auditLog: AuditLog) {}

  @Get()
  @AdminRoute('read-only')
  async list(@Actor() actor: AdminActor, @Query() query: unknown): Promise<AuditLogPageView> {
    if (actor.workspaceId !== null) {
      throw AdminApiError.forbidden('only an installation-wide key may read installation actions');
    }
    const { cursor, limit } = parseAdminInput(AuditLogQuery, query);
    return pageView(await this.auditLog.list(null, pageOf(cursor, limit)));
  }
}

function pageOf(cursor: string | undefined, limit: number) {
  return { ...(cursor === undefined ? {} : { cursor }), limit };
}

function pageView(page: AuditPage): AuditLogPageView {
  return {
    entries: page.entries.map((entry) => ({ ...entry, at: isoOf(entry.at) })),
    nextCursor: page.nextCursor,
  };
}
