import { Module, type DynamicModule } from '@nestjs/common';
import { AdminAccessModule } from '@meridian/admin-api';
import { PersistenceModule } from '@meridian/persistence';
import { importJobsCollection } from './import-job.collection';
import { ImportJobRepository } from './import-job.repository';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

/** Bulk imports over HTTP; admits through the app's IngestModule instance. */
@Module({})
export class ImportsModule {
  /** `ingest` is the app's IngestModule instance, whose IngestService admits the calls. */
  static register(ingest: DynamicModule): DynamicModule {
    return {
      module: ImportsModule,
      imports: [
        ingest,
        AdminAccessModule,
        PersistenceModule.forFeature({ collections: [importJobsCollection] }),
      ],
      controllers: [ImportsController],
      providers: [ImportJobRepository, ImportsService],
    };
  }
}
