import { Body, Controller, Get, Headers, Param, Post, UseFilters } from '@nestjs/common';
import { ScoringApiAccess, ScoringApiError } from '../settings';
import { ApiRefusalFilter } from '@meridian/platform';
import { versionView, type ModelVersionView } from './model-version-document';
import { ModelVersionsRepository } from './model-versions.repository';
import { NbaDecisionRequest, NbaService, type NbaDecisionView } from './nba.service';
import { ProfileModelsService, type ProfileModelsView } from './profile-models.service';

/**
 * The models over HTTP, for admin keys (any reads; owner and admin keys decide):
 * - GET  /v1/models: every version of the workspace's models (no states);
 * - GET  /v1/models/:modelId: the versions of one model (`propensity:Order Completed:7d`,
 *   `nba:<actionSetId>`, `send-time`, `best-channel`; URL-encoded), 404 if it has none;
 * - GET  /v1/models/profiles/:profileId: a profile's propensities, best send time and channel;
 * - POST /v1/nba/decisions: the next best action of an action set for a profile.
 */
@Controller('v1')
@UseFilters(ApiRefusalFilter)
export class ModelsController {
  constructor(
    private readonly access: ScoringApiAccess,
    private readonly registry: ModelVersionsRepository,
    private readonly profiles: ProfileModelsService,
    private readonly nba: NbaService,
  ) {}

  @Get('models')
  async list(@Headers() headers: Record<string, unknown>): Promise<{ models: ModelVersionView[] }> {
    const workspaceId = await this.access.workspaceOf(headers, 'read');
    return { models: (await this.registry.list(workspaceId)).map(versionView) };
  }

  @Get('models/profiles/:profileId')
  async profile(
    @Headers() headers: Record<string, unknown>,
    @Param('profileId') profileId: string,
  ): Promise<ProfileModelsView> {
    const workspaceId = await this.access.workspaceOf(headers, 'read');
    const view = await this.profiles.view(workspaceId, profileId);
    if (view === null)
      throw ScoringApiError.notFound(`the models have not seen profile ${profileId}`);
    return view;
  }

  @Get('models/:modelId')
  async versions(
    @Headers() headers: Record<string, unknown>,
    @Param('modelId') modelId: string,
  ): Promise<{ modelId: string; versions: ModelVersionView[] }> {
    const workspaceId = await this.access.workspaceOf(headers, 'read');
    const versions = await this.registry.list(workspaceId, modelId);
    if (versions.length === 0) throw ScoringApiError.notFound(`no model ${modelId}`);
    return { modelId, versions: versions.map(versionView) };
  }

  @Post('nba/decisions')
  async decide(
    @Headers() headers: Record<string, unknown>,
    @Body() body: unknown,
  ): Promise<NbaDecisionView> {
    const workspaceId = await this.access.workspaceOf(headers, 'change');
    const parsed = NbaDecisionRequest.safeParse(body ?? {});
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`,
      );
      throw ScoringApiError.invalid(`invalid decision request: ${problems.join('; ')}`);
    }
    return this.nba.decide(workspaceId, parsed.data);
  }
}
