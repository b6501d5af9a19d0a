import {
  BadRequestException,
  Controller,
  Get,
  Headers,
  Inject,
  NotFoundException,
  Param,
  Query,
} from '@nestjs/common';
import {
  parseLookupQuery,
  PROFILE_API_OPTIONS,
  WORKSPACE_HEADER,
  workspaceOf,
  type Parsed,
  type ProfileApiOptions,
} from './profile-api';
import { ProfileQueryService } from './profile-query.service';
import type { GoldenRecord } from './profile.model';

/** The golden record over HTTP, read within the workspace of the request. */
@Controller('v1/profiles')
export class ProfilesController {
  constructor(
    private readonly query: ProfileQueryService,
    @Inject(PROFILE_API_OPTIONS) private readonly options: ProfileApiOptions,
  ) {}

  /** GET /v1/profiles/lookup?type=email&value=ann@example.com */
  @Get('lookup')
  async lookup(
    @Query() query: unknown,
    @Headers(WORKSPACE_HEADER) workspace: unknown,
  ): Promise<GoldenRecord> {
    const workspaceId = valid(workspaceOf(workspace, this.options.defaultWorkspaceId));
    const identifier = valid(parseLookupQuery(query));
    return found(await this.query.byIdentifier(workspaceId, identifier));
  }

  /** GET /v1/profiles/:profileId */
  @Get(':profileId')
  async byId(
    @Param('profileId') profileId: string,
    @Headers(WORKSPACE_HEADER) workspace: unknown,
  ): Promise<GoldenRecord> {
    const workspaceId = valid(workspaceOf(workspace, this.options.defaultWorkspaceId));
    return found(await this.query.byId(workspaceId, profileId));
  }
}

function valid<Value>(parsed: Parsed<Value>): Value {
  if (!parsed.ok)
    throw new BadRequestException({ error: 'invalid_request', reason: parsed.reason });
  return parsed.value;
}

function found(record: GoldenRecord | null): GoldenRecord {
  if (record === null) throw new NotFoundException({ error: 'profile_not_found' });
  return record;
}
