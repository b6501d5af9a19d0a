import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Actor, AdminRoute, parseAdminInput, type AdminActor } from '@meridian/admin-api';
import {
  DiscardRequest,
  QuarantineEntryParams,
  QuarantineListParams,
  QuarantineListQuery,
  ReplayRequest,
  type QuarantineEntryView,
  type QuarantinePage,
} from './quarantine.schemas';
import { QuarantineService } from './quarantine.service';

/** The workspace's quarantined calls: list, read, replay, discard. */
@Controller('admin/v1/workspaces/:workspaceId/quarantine')
export class QuarantineController {
  constructor(private readonly quarantine: QuarantineService) {}

  @Get()
  @AdminRoute('read-only')
  list(@Param() params: unknown, @Query() query: unknown): Promise<QuarantinePage> {
    const { workspaceId } = parseAdminInput(QuarantineListParams, params);
    return this.quarantine.list(workspaceId, parseAdminInput(QuarantineListQuery, query));
  }

  @Get(':entryId')
  @AdminRoute('read-only')
  get(@Param() params: unknown): Promise<QuarantineEntryView> {
    const { workspaceId, entryId } = parseAdminInput(QuarantineEntryParams, params);
    return this.quarantine.get(workspaceId, entryId);
  }

  @Post(':entryId/replay')
  @HttpCode(200)
  @AdminRoute('admin')
  replay(
    @Actor() actor: AdminActor,
    @Param() params: unknown,
    @Body() body: unknown,
  ): Promise<QuarantineEntryView> {
    const { workspaceId, entryId } = parseAdminInput(QuarantineEntryParams, params);
    // No body replays the call as sent.
    const request = parseAdminInput(ReplayRequest.optional(), body);
    return this.quarantine.replay(workspaceId, entryId, request?.call, actor);
  }

  @Post(':entryId/discard')
  @HttpCode(200)
  @AdminRoute('admin')
  discard(
    @Actor() actor: AdminActor,
    @Param() params: unknown,
    @Body() body: unknown,
  ): Promise<QuarantineEntryView> {
    const { workspaceId, entryId } = parseAdminInput(QuarantineEntryParams, params);
    const { reason } = parseAdminInput(DiscardRequest, body);
    return this.quarantine.discard(workspaceId, entryId, reason, actor);
  }
}
