import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { WorkspacesModule } from '@meridian/workspaces';
import { CallPublisher } from './call-publisher';
import { IngestRejectionFilter } from './ingest-rejection.filter';
import { IngestController } from './ingest.controller';
import { IngestMetrics } from './ingest.metrics';
import { IngestService } from './ingest.service';
import { INGEST_SETTINGS, type IngestSettings } from './ingest.settings';
import { JetStreamCallPublisher } from './jetstream-call-publisher';

/** The Segment-compatible endpoints; needs JetStreamModule, PersistenceModule and ObservabilityModule. */
@Module({})
export class IngestModule {
  static register(settings: IngestSettings): DynamicModule {
    return {
      module: IngestModule,
      imports: [WorkspacesModule.register()],
      controllers: [IngestController],
      providers: [
        { provide: INGEST_SETTINGS, useValue: settings },
        { provide: CallPublisher, useClass: JetStreamCallPublisher },
        { provide: APP_FILTER, useClass: IngestRejectionFilter },
        IngestMetrics,
        IngestService,
      ],
    };
  }
}
