import { ApiRefusalFilter } from '@meridian/platform';
import { Body, Controller, Get, Headers, HttpCode, Post, Put, UseFilters } from '@nestjs/common';
import { z } from 'zod';
import { parseQuery } from '../profile-api';
import { FIT_PROFILES, MatchModelService } from './match-model.service';
import { MatchThresholds, viewOf, type MatchModelView } from './match-model';
import { MatchingApiAccess } from './matching-api-access';

const FitBody = z
  .object({
    maxProfiles: z
      .number({ error: 'maxProfiles must be a whole number' })
      .int('maxProfiles must be a whole number')
      .min(1, `maxProfiles must be between 1 and ${FIT_PROFILES.max}`)
      .max(FIT_PROFILES.max, `maxProfiles must be between 1 and ${FIT_PROFILES.max}`)
      .optional(),
    thresholds: MatchThresholds.optional(),
  })
  .strict();

/**
 * A workspace's probabilistic match model over HTTP: any admin key reads it (each level's m,
 * u and weight, the prior, the thresholds); owner and admin keys fit it from the workspace's
 * profiles and set its thresholds.
 */
@Controller('v1/match-model')
@UseFilters(ApiRefusalFilter)
export class MatchModelController {
  constructor(
    private readonly access: MatchingApiAccess,
    private readonly models: MatchModelService,
  ) {}

  @Get()
  async read(@Headers() headers: Record<string, unknown>): Promise<MatchModelView> {
    const { workspaceId } = await this.access.callerOf(headers);
    return viewOf(await this.models.current(workspaceId));
  }

  /** POST /v1/match-model/fit { "maxProfiles"?: n, "thresholds"?: { "upper", "lower" } } */
  @Post('fit')
  @HttpCode(200)
  async fit(
    @Headers() headers: Record<string, unknown>,
    @Body() body: unknown,
  ): Promise<MatchModelView> {
    const { workspaceId } = await this.access.callerOf(headers, { action: 'fit a match model' });
    const request = parseQuery(FitBody, body ?? {});
    return viewOf(await this.models.fit(workspaceId, request));
  }

  /** PUT /v1/match-model/thresholds { "upper": 10, "lower": 4 } */
  @Put('thresholds')
  async setThresholds(
    @Headers() headers: Record<string, unknown>,
    @Body() body: unknown,
  ): Promise<MatchModelView> {
    const { workspaceId } = await this.access.callerOf(headers, {
      action: 'set match thresholds',
    });
    const thresholds = parseQuery(MatchThresholds, body);
    return viewOf(await this.models.setThresholds(workspaceId, thresholds));
  }
}
