import { Body, Controller, Get, Headers, Put, UseFilters } from '@nestjs/common';
import { ScoringApiAccess } from './scoring-api-access';
import { ScoringApiError } from './scoring-api-error';
import { ApiRefusalFilter } from '@meridian/platform';
import { parseSettingsBody, type EffectiveScoringSettings } from './scoring-settings';
import { ScoringSettingsService } from './scoring-settings.service';

/**
 * A workspace's scoring settings over HTTP: the clock (`wall` or `replay`) and the RFM segment
 * thresholds. Any admin key reads them; owner and admin keys replace them (PUT, the whole
 * document: what is left out returns to its default). Every instance applies a change within
 * SCORING_SETTINGS_CACHE_MS.
 */
@Controller('v1/scoring-settings')
@UseFilters(ApiRefusalFilter)
export class ScoringSettingsController {
  constructor(
    private readonly access: ScoringApiAccess,
    private readonly settings: ScoringSettingsService,
  ) {}

  @Get()
  async read(@Headers() headers: Record<string, unknown>): Promise<EffectiveScoringSettings> {
    const workspaceId = await this.access.workspaceOf(headers, 'read');
    return this.settings.shown(workspaceId);
  }

  @Put()
  async replace(
    @Headers() headers: Record<string, unknown>,
    @Body() body: unknown,
  ): Promise<EffectiveScoringSettings> {
    const workspaceId = await this.access.workspaceOf(headers, 'change');
    const parsed = parseSettingsBody(body);
    if (!parsed.ok)
      throw ScoringApiError.invalid(`invalid scoring settings: ${parsed.problems.join('; ')}`);
    return this.settings.replace(workspaceId, parsed.settings);
  }
}
