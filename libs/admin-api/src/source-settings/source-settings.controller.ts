import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import type { AdminActor } from '../access/admin-actor';
import { Actor, AdminRoute } from '../access/admin-route.decorator';
import { SourceParams } from '../core/admin-schemas';
import { parseAdminInput } from '../errors/parse-admin-input';
import { PutSourceSettingsBody, type SourceSettingsView } from './source-settings.schemas';
import { SourceSettingsAdminService } from './source-settings.service';

@Controller('admin/v1/workspaces/:workspaceId/sources/:sourceId/settings')
export class SourceSettingsController {
  constructor(private readonly settings: SourceSettingsAdminService) {}

  @Get()
  @AdminRoute('read-only')
  get(@Param() params: unknown): Promise<SourceSettingsView> {
    const { workspaceId, sourceId } = parseAdminInput(SourceParams, params);
    return this.settings.get(workspaceId, sourceId);
  }

  @Put()
  @AdminRoute('admin')
  put(
    @Actor() actor: AdminActor,
    @Param() params: unknown,
    @Body() body: unknown,
  ): Promise<SourceSettingsView> {
    const { workspaceId, sourceId } = parseAdminInput(SourceParams, params);
    return this.settings.put(
      actor,
      workspaceId,
      sourceId,
      parseAdminInput(PutSourceSettingsBody, body),
    );
  }
}
