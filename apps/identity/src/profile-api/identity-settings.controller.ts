import { Body, Controller, Get, Headers, Put, UseFilters } from '@nestjs/common';
import { IdentitySettings, IdentitySettingsService } from '../profiles';
import { ProfileApiAccess, WORKSPACE_HEADER, type AccessNeed } from './profile-api-access';
import { ProfileApiError } from './profile-api-error';
import { ApiRefusalFilter } from '@meridian/platform';

/** Unknown keys are refused, so a misspelt setting is an error and not silently ignored. */
const IdentitySettingsBody = IdentitySettings.strict();

/**
 * A workspace's identity resolution settings over HTTP: identifier priority and limits,
 * blocked values, survivorship rules. Any admin key reads them; owner and admin keys replace
 * them (PUT, the whole document; what is left out returns to the default). Resolution and
 * merges on every instance apply a change within a second.
 */
@Controller('v1/identity-settings')
@UseFilters(ApiRefusalFilter)
export class IdentitySettingsController {
  constructor(
    private readonly access: ProfileApiAccess,
    private readonly settings: IdentitySettingsService,
  ) {}

  @Get()
  async read(@Headers() headers: Record<string, unknown>): Promise<IdentitySettings> {
    const workspaceId = await this.workspaceOf(headers, 'read');
    return (await this.settings.settingsOf(workspaceId)) ?? IdentitySettings.parse({});
  }

  @Put()
  async replace(
    @Headers() headers: Record<string, unknown>,
    @Body() body: unknown,
  ): Promise<IdentitySettings> {
    const workspaceId = await this.workspaceOf(headers, 'change');
    const parsed = IdentitySettingsBody.safeParse(body);
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`,
      );
      throw ProfileApiError.invalid(`invalid identity settings: ${problems.join('; ')}`);
    }
    await this.settings.replace(workspaceId, parsed.data);
    return parsed.data;
  }

  private workspaceOf(headers: Record<string, unknown>, needs: AccessNeed): Promise<string> {
    return this.access.workspaceOf(
      { authorization: headers['authorization'], workspace: headers[WORKSPACE_HEADER] },
      needs,
    );
  }
}
