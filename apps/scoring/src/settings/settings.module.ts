import { Module, type DynamicModule } from '@nestjs/common';
import { PersistenceModule } from '@meridian/persistence';
import { WorkspacesModule } from '@meridian/workspaces';
import { ScoringApiAccess } from './scoring-api-access';
import { scoringSettingsCollection } from './scoring-settings.collection';
import { ScoringSettingsController } from './scoring-settings.controller';
import { ScoringSettingsRepository } from './scoring-settings.repository';
import {
  SCORING_SETTINGS_OPTIONS,
  ScoringSettingsService,
  type ScoringSettingsOptions,
} from './scoring-settings.service';

/**
 * Per-workspace scoring settings (clock mode, RFM thresholds) with their HTTP API, and the
 * admin-key access every scoring API checks (AdminKeyService from WorkspacesModule). Global:
 * every scoring feature reads settings and checks keys the same way.
 */
@Module({})
export class SettingsModule {
  static forRoot(options: ScoringSettingsOptions): DynamicModule {
    return {
      module: SettingsModule,
      global: true,
      imports: [
        PersistenceModule.forFeature({ collections: [scoringSettingsCollection] }),
        WorkspacesModule.register(),
      ],
      controllers: [ScoringSettingsController],
      providers: [
        { provide: SCORING_SETTINGS_OPTIONS, useValue: options },
        ScoringSettingsRepository,
        ScoringSettingsService,
        ScoringApiAccess,
      ],
      exports: [ScoringSettingsService, ScoringApiAccess],
    };
  }
}
