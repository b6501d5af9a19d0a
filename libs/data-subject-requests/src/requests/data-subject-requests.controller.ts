import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Actor, AdminRoute, parseAdminInput, type AdminActor } from '@meridian/admin-api';
import { RequestPathParams, WorkspacePathParams } from '../admin-schemas';
import { ListSuppressionsQuery, type SuppressionList } from '../suppressions/suppression.service';
import {
  CreateDataSubjectRequest,
  ListDataSubjectRequestsQuery,
  type DataSubjectRequestList,
  type DataSubjectRequestView,
} from './data-subject-request';
import { DataSubjectRequestService } from './data-subject-request.service';

/** The admin routes of data-subject requests and suppressions; see dataSubjectRequestOperations. */
@Controller('admin/v1/workspaces/:workspaceId')
export class DataSubjectRequestsController {
  constructor(private readonly requests: DataSubjectRequestService) {}

  @Post('data-subject-requests')
  @HttpCode(201)
  @AdminRoute('admin')
  create(
    @Actor() actor: AdminActor,
    @Param() params: unknown,
    @Body() body: unknown,
  ): Promise<DataSubjectRequestView> {
    const { workspaceId } = parseAdminInput(WorkspacePathParams, params);
    return this.requests.create(
      actor,
      workspaceId,
      parseAdminInput(CreateDataSubjectRequest, body),
    );
  }

  @Get('data-subject-requests')
  @AdminRoute('read-only')
  list(@Param() params: unknown, @Query() query: unknown): Promise<DataSubjectRequestList> {
    const { workspaceId } = parseAdminInput(WorkspacePathParams, params);
    return this.requests.list(workspaceId, parseAdminInput(ListDataSubjectRequestsQuery, query));
  }

  @Get('data-subject-requests/:requestId')
  @AdminRoute('read-only')
  get(@Param() params: unknown): Promise<DataSubjectRequestView> {
    const { workspaceId, requestId } = parseAdminInput(RequestPathParams, params);
    return this.requests.get(workspaceId, requestId);
  }

  @Get('suppressions')
  @AdminRoute('read-only')
  listSuppressions(@Param() params: unknown, @Query() query: unknown): Promise<SuppressionList> {
    const { workspaceId } = parseAdminInput(WorkspacePathParams, params);
    return this.requests.listSuppressions(
      workspaceId,
      parseAdminInput(ListSuppressionsQuery, query),
    );
  }
}
