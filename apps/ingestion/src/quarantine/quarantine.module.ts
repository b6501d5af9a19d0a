import { Module, type DynamicModule } from '@nestjs/common';
import { AdminAccessModule } from '@meridian/admin-api';
import { PersistenceModule } from '@meridian/persistence';
import { quarantineResolutionsCollection } from './quarantine-resolution.collection';
import { QuarantineResolutionRepository } from './quarantine-resolution.repository';
import { QuarantineStream } from './quarantine-stream';
import { QuarantineController } from './quarantine.controller';
import { QuarantineService } from './quarantine.service';

/** The quarantine admin routes; needs the platform (JetStream, persistence). */
@Module({})
export class QuarantineModule {
  /** `ingest` is the app's IngestModule instance: replays take its admission path. */
  static register(ingest: DynamicModule): DynamicModule {
    return {
      module: QuarantineModule,
      imports: [
        ingest,
        AdminAccessModule,
        PersistenceModule.forFeature({
          collections: [quarantineResolutionsCollection],
          repositories: [QuarantineResolutionRepository],
        }),
      ],
      controllers: [QuarantineController],
      providers: [QuarantineStream, QuarantineService],
    };
  }
}
