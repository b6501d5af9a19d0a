import {
  BadRequestException,
  Controller,
  Get,
  Headers,
  NotFoundException,
  Param,
} from '@nestjs/common';
import { z } from 'zod';
import { FeaturesService, type ProfileFeaturesView } from './features.service';

/** Until workspaces authenticate API calls, the workspace is named by this header. */
const WorkspaceHeader = z.string().trim().min(1).max(64).default('local');

@Controller('v1/features')
export class FeaturesController {
  constructor(private readonly features: FeaturesService) {}

  @Get(':profileId')
  async get(
    @Param('profileId') profileId: string,
    @Headers('x-meridian-workspace') workspaceHeader: string | undefined,
  ): Promise<ProfileFeaturesView> {
    const workspace = WorkspaceHeader.safeParse(workspaceHeader);
    if (!workspace.success) {
      throw new BadRequestException({
        code: 'INVALID_WORKSPACE',
        message: 'X-Meridian-Workspace must be 1 to 64 characters',
      });
    }
    const features = await this.features.features(workspace.data, profileId);
    if (features === null) {
      throw new NotFoundException({
        code: 'PROFILE_NOT_FOUND',
        message: `no features for profile ${profileId}`,
      });
    }
    return features;
  }
}
