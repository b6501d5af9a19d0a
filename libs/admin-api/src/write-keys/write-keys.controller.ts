import { Controller, Delete, Get, Param, Post } from '@nestjs/common';
import type { AdminActor } from '../access/admin-actor';
import { Actor, AdminRoute } from '../access/admin-route.decorator';
import { SourceParams } from '../core/admin-schemas';
import { parseAdminInput } from '../errors/parse-admin-input';
import {
  WriteKeyParams,
  type CreatedWriteKey,
  type WriteKeyList,
  type WriteKeyView,
} from './write-keys.schemas';
import { WriteKeysService } from './write-keys.service';

@Controller('admin/v1/workspaces/:workspaceId/sources/:sourceId/write-keys')
export class WriteKeysController {
  constructor(private readonly writeKeys: WriteKeysService) {}

  @Post()
  @AdminRoute('admin')
  create(@Actor() actor: AdminActor, @Param() params: unknown): Promise<CreatedWriteKey> {
    const { workspaceId, sourceId } = parseAdminInput(SourceParams, params);
    return this.writeKeys.create(actor, workspaceId, sourceId);
  }

  @Get()
  @AdminRoute('read-only')
  list(@Param() params: unknown): Promise<WriteKeyList> {
    const { workspaceId, sourceId } = parseAdminInput(SourceParams, params);
    return this.writeKeys.list(workspaceId, sourceId);
  }

  @Delete(':keyId')
  @AdminRoute('admin')
  revoke(@Actor() actor: AdminActor, @Param() params: unknown): Promise<WriteKeyView> {
    const { workspaceId, sourceId, keyId } = parseAdminInput(WriteKeyParams, params);
    return this.writeKeys.revoke(actor, workspaceId, sourceId, keyId);
  }
}
