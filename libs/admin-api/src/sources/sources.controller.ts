import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import type { AdminActor } from '../access/admin-actor';
import { Actor, AdminRoute } from '../access/admin-route.decorator';
import { SourceParams, WorkspaceParams } from '../core/admin-schemas';
import { parseAdminInput } from '../errors/parse-admin-input';
import { CreateSourceBody, type SourceList, type SourceView } from './sources.schemas';
import { SourcesService } from './sources.service';

@Controller('admin/v1/workspaces/:workspaceId/sources')
export class SourcesController {
  constructor(private readonly sources: SourcesService) {}

  @Post()
  @AdminRoute('admin')
  create(
    @Actor() actor: AdminActor,
    @Param() params: unknown,
    @Body() body: unknown,
  ): Promise<SourceView> {
    const { workspaceId } = parseAdminInput(WorkspaceParams, params);
    return this.sources.create(actor, workspaceId, parseAdminInput(CreateSourceBody, body));
  }

  @Get()
  @AdminRoute('read-only')
  list(@Param() params: unknown): Promise<SourceList> {
    return this.sources.list(parseAdminInput(WorkspaceParams, params).workspaceId);
  }

  @Get(':sourceId')
  @AdminRoute('read-only')
  get(@Param() params: unknown): Promise<SourceView> {
    const { workspaceId, sourceId } = parseAdminInput(SourceParams, params);
    return this.sources.get(workspaceId, sourceId);
  }
}
