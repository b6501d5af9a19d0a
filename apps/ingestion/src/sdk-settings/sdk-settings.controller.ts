import type { IncomingMessage } from 'node:http';
import { Controller, Get, Header, HttpCode, Param, Post, Req, UseFilters } from '@nestjs/common';
import type { CdnSettings } from './cdn-settings';
import { SdkSettingsRejectionFilter } from './sdk-settings-rejection';
import { SdkSettingsService } from './sdk-settings.service';

/**
 * How long browsers and caches may keep a key's settings. Short, so a revoked key stops
 * loading the SDK within minutes; refusals are never cached (SdkSettingsRejectionFilter).
 */
export const SETTINGS_CACHE_CONTROL = 'public, max-age=120';

/**
 * What analytics.js asks of the Segment API besides calls: its source settings, from
 * `${cdnURL}/v1/projects/{writeKey}/settings`, and POST /v1/m, its usage metrics.
 */
@Controller('v1')
@UseFilters(SdkSettingsRejectionFilter)
export class SdkSettingsController {
  constructor(private readonly sdkSettings: SdkSettingsService) {}

  @Get('projects/:writeKey/settings')
  @Header('Cache-Control', SETTINGS_CACHE_CONTROL)
  settings(
    @Param('writeKey') writeKey: string,
    @Req() request: IncomingMessage,
  ): Promise<CdnSettings> {
    return this.sdkSettings.settingsFor(writeKey, request);
  }

  @Post('m')
  @HttpCode(204)
  metrics(@Req() request: IncomingMessage): Promise<void> {
    return this.sdkSettings.discardMetrics(request);
  }
}
