import { Module, type DynamicModule } from '@nestjs/common';
import { compileTrackingPlan } from '@meridian/ingest-governance';
import { WorkspacesModule, WriteKeyService } from '@meridian/workspaces';
import { SdkSettingsController } from './sdk-settings.controller';
import { SdkSettingsService, type SdkSettingsOptions } from './sdk-settings.service';

/**
 * GET /v1/projects/{writeKey}/settings and POST /v1/m for analytics.js. Registers
 * WorkspacesModule with the same validator as the ingest feature, so both share one
 * write-key cache: a key revoked here is refused by settings and calls alike.
 */
@Module({})
export class SdkSettingsModule {
  static register(options: SdkSettingsOptions): DynamicModule {
    return {
      module: SdkSettingsModule,
      imports: [WorkspacesModule.register({ validateTrackingPlan: compileTrackingPlan })],
      controllers: [SdkSettingsController],
      providers: [
        {
          provide: SdkSettingsService,
          useFactory: (writeKeys: WriteKeyService) => new SdkSettingsService(writeKeys, options),
          inject: [WriteKeyService],
        },
      ],
    };
  }
}
