import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import type { AdminActor } from '../access/admin-actor';
import { Actor, AdminRoute } from '../access/admin-route.decorator';
import { WorkspaceParams } from '../core/admin-schemas';
import { parseAdminInput } from '../errors/parse-admin-input';
import { CreateWorkspaceBody, type WorkspaceList, type WorkspaceView } from './workspaces.schemas';
import { WorkspacesService } from './workspaces.service';

@Controller('admin/v1/workspaces')
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @Post()
  @AdminRoute('owner')
  create(@Actor() actor: AdminActor, @Body() body: unknown): Promise<WorkspaceView> {
    return this.workspaces.create(actor, parseAdminInput(CreateWorkspaceBody, body));
  }

  @Get()
  @AdminRoute('read-only')
  list(@Actor() actor: AdminActor): Promise<WorkspaceList> {
    return this.workspaces.list(actor);
  }

  @Get(':workspaceId')
  @AdminRoute('read-only')
  get(@Param() params: unknown): Promise<WorkspaceView> {
    return this.workspaces.get(parseAdminInput(WorkspaceParams, params).workspaceId);
  }
}
