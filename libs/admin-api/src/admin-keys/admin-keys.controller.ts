import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import type { AdminActor } from '../access/admin-actor';
import { Actor, AdminRoute } from '../access/admin-route.decorator';
import { parseAdminInput } from '../errors/parse-admin-input';
import {
  AdminKeyListQuery,
  AdminKeyParams,
  CreateAdminKeyBody,
  type AdminKeyList,
  type AdminKeyView,
  type CreatedAdminKey,
} from './admin-keys.schemas';
import { AdminKeysService } from './admin-keys.service';

@Controller('admin/v1/admin-keys')
export class AdminKeysController {
  constructor(private readonly adminKeys: AdminKeysService) {}

  @Post()
  @AdminRoute('owner')
  create(@Actor() actor: AdminActor, @Body() body: unknown): Promise<CreatedAdminKey> {
    return this.adminKeys.create(actor, parseAdminInput(CreateAdminKeyBody, body));
  }

  @Get()
  @AdminRoute('admin')
  list(@Actor() actor: AdminActor, @Query() query: unknown): Promise<AdminKeyList> {
    return this.adminKeys.list(actor, parseAdminInput(AdminKeyListQuery, query).workspaceId);
  }

  @Delete(':keyId')
  @AdminRoute('owner')
  revoke(@Actor() actor: AdminActor, @Param() params: unknown): Promise<AdminKeyView> {
    return this.adminKeys.revoke(actor, parseAdminInput(AdminKeyParams, params).keyId);
  }
}
