import { Controller, Get, Headers, HttpCode, Post, UseFilters } from '@nestjs/common';
import { ProfileApiAccess, WORKSPACE_HEADER, type AccessNeed } from '../profile-api';
import { ApiRefusalFilter } from '@meridian/platform';
import {
  PiiRotationService,
  type RotationRequested,
  type RotationStatus,
} from './pii-rotation.service';

/**
 * The workspace's PII key rotation: GET tells the current key and how many profiles are still
 * encrypted with an older one; POST (admin and owner keys) has them re-encrypted, answered 202
 * once every command is stored. Old keys may be dropped from the configuration once GET
 * answers `awaiting: 0` in every workspace.
 */
@Controller('v1/pii/rotation')
@UseFilters(ApiRefusalFilter)
export class PiiRotationController {
  constructor(
    private readonly access: ProfileApiAccess,
    private readonly rotation: PiiRotationService,
  ) {}

  @Get()
  async status(@Headers() headers: Record<string, unknown>): Promise<RotationStatus> {
    return this.rotation.status(await this.workspaceOf(headers, 'read'));
  }

  @Post()
  @HttpCode(202)
  async rotate(@Headers() headers: Record<string, unknown>): Promise<RotationRequested> {
    return this.rotation.requestRotation(await this.workspaceOf(headers, 'change'));
  }

  private workspaceOf(headers: Record<string, unknown>, need: AccessNeed): Promise<string> {
    return this.access.workspaceOf(
      { authorization: headers['authorization'], workspace: headers[WORKSPACE_HEADER] },
      need,
    );
  }
}
