import { Controller, Get, Header, Param, Query, UseFilters, UseGuards } from '@nestjs/common';
import type { MessageHistoryEntry, TimelineEntry } from '../profiles';
import type { Page } from './pages';
import { ApiRefusalFilter } from '@meridian/platform';
import { ProfileApiGuard, RequestWorkspace } from './profile-api.guard';
import {
  LookupQuery,
  MessagesQuery,
  parseQuery,
  ProfileId,
  SearchQuery,
  TimelineQuery,
} from './profile-api-queries';
import { ProfileApiService } from './profile-api.service';
import type { ProfileSummary } from './profile-summary';

/** Golden records are answered as the JSON bytes kept with their cache entry (ServedProfile). */
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * The golden record over HTTP for admin keys (Authorization: Bearer <admin key>), within the
 * key's workspace, or the one an installation-wide key names in X-Meridian-Workspace. Errors
 * are `{ "error": { code, message } }`: 400 invalid_request, 401 unauthenticated,
 * 403 forbidden, 404 not_found.
 */
@Controller('v1/profiles')
@UseGuards(ProfileApiGuard)
@UseFilters(ApiRefusalFilter)
export class ProfilesController {
  constructor(private readonly api: ProfileApiService) {}

  /** GET /v1/profiles/lookup?type=email&value=ann@example.com */
  @Get('lookup')
  @Header('Content-Type', JSON_CONTENT_TYPE)
  async lookup(@RequestWorkspace() workspaceId: string, @Query() query: unknown): Promise<Buffer> {
    return (await this.api.lookup(workspaceId, parseQuery(LookupQuery, query))).json;
  }

  /** GET /v1/profiles/search?trait=plan&value=pro&limit=20&cursor=… */
  @Get('search')
  search(
    @RequestWorkspace() workspaceId: string,
    @Query() query: unknown,
  ): Promise<Page<ProfileSummary>> {
    return this.api.search(workspaceId, parseQuery(SearchQuery, query));
  }

  /** GET /v1/profiles/:profileId */
  @Get(':profileId')
  @Header('Content-Type', JSON_CONTENT_TYPE)
  async get(
    @RequestWorkspace() workspaceId: string,
    @Param('profileId') profileId: string,
  ): Promise<Buffer> {
    return (await this.api.get(workspaceId, parseQuery(ProfileId, profileId))).json;
  }

  /** GET /v1/profiles/:profileId/timeline?limit=20&cursor=… (newest first) */
  @Get(':profileId/timeline')
  timeline(
    @RequestWorkspace() workspaceId: string,
    @Param('profileId') profileId: string,
    @Query() query: unknown,
  ): Promise<Page<TimelineEntry>> {
    const id = parseQuery(ProfileId, profileId);
    return this.api.timeline(workspaceId, id, parseQuery(TimelineQuery, query));
  }

  /** GET /v1/profiles/:profileId/messages?limit=20&cursor=… (newest first) */
  @Get(':profileId/messages')
  messages(
    @RequestWorkspace() workspaceId: string,
    @Param('profileId') profileId: string,
    @Query() query: unknown,
  ): Promise<Page<MessageHistoryEntry>> {
    const id = parseQuery(ProfileId, profileId);
    return this.api.messages(workspaceId, id, parseQuery(MessagesQuery, query));
  }
}
