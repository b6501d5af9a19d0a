import { randomUUID } from 'node:crypto';
import { Module, type DynamicModule } from '@nestjs/common';
import { AdminAccessModule } from '@meridian/admin-api';
import { PersistenceModule, type CollectionDefinition } from '@meridian/persistence';
import {
  dataSubjectRequestsCollection,
  deletionConfirmationsCollection,
} from './requests/data-subject-requests.collection';
import {
  DataSubjectRequestRepository,
  DeletionConfirmationRepository,
} from './requests/data-subject-request.repository';
import { DataSubjectRequestService } from './requests/data-subject-request.service';
import { DataSubjectRequestsController } from './requests/data-subject-requests.controller';
import { DeletionConfirmationService } from './requests/deletion-confirmation.service';
import { DeletionConfirmationsController } from './requests/deletion-confirmations.controller';
import { DeletionPublisher } from './requests/deletion-publisher';
import { DATA_SUBJECT_REQUEST_SETTINGS, type DataSubjectRequestSettings } from './settings';
import { DroppedEventCounter } from './suppressions/dropped-event-counter';
import { DroppedEventFlusher } from './suppressions/dropped-event-flusher';
import { SuppressionGate } from './suppressions/suppression-gate';
import { SuppressionIndex } from './suppressions/suppression-index';
import {
  SuppressionDropCountRepository,
  SuppressionRepository,
} from './suppressions/suppression.repository';
import { SuppressionService } from './suppressions/suppression.service';
import {
  suppressionDropCountsCollection,
  suppressionsCollection,
} from './suppressions/suppressions.collection';

/** Every collection this feature owns. */
export const dataSubjectRequestCollections: readonly CollectionDefinition[] = [
  dataSubjectRequestsCollection,
  deletionConfirmationsCollection,
  suppressionsCollection,
  suppressionDropCountsCollection,
];

/**
 * Data-subject requests: the service behind the admin routes, the deletion-confirmation
 * consumer and the SuppressionGate ingestion checks calls with. Needs PersistenceModule.forRoot
 * and JetStreamModule (PlatformModule) in the app; register once and share the module
 * object, so the app has one suppression index and one drop counter. The admin routes are
 * DataSubjectRequestsAdminModule, so an instance without the admin API still suppresses.
 */
@Module({})
export class DataSubjectRequestsModule {
  static register(settings: DataSubjectRequestSettings): DynamicModule {
    return {
      module: DataSubjectRequestsModule,
      imports: [
        AdminAccessModule,
        PersistenceModule.forFeature({
          collections: dataSubjectRequestCollections,
          repositories: [
            DataSubjectRequestRepository,
            DeletionConfirmationRepository,
            SuppressionRepository,
            SuppressionDropCountRepository,
          ],
        }),
      ],
      controllers: [DeletionConfirmationsController],
      providers: [
        { provide: DATA_SUBJECT_REQUEST_SETTINGS, useValue: settings },
        {
          provide: SuppressionIndex,
          useFactory: (repository: SuppressionRepository) => new SuppressionIndex(repository),
          inject: [SuppressionRepository],
        },
        {
          provide: DroppedEventCounter,
          // Each process writes only its own count documents (see suppressionDropCountsCollection).
          useFactory: (repository: SuppressionDropCountRepository) =>
            new DroppedEventCounter(repository, randomUUID()),
          inject: [SuppressionDropCountRepository],
        },
        {
          provide: DroppedEventFlusher,
          useFactory: (counter: DroppedEventCounter) => new DroppedEventFlusher(counter),
          inject: [DroppedEventCounter],
        },
        {
          provide: SuppressionGate,
          useFactory: (index: SuppressionIndex, counter: DroppedEventCounter) =>
            new SuppressionGate(index, counter),
          inject: [SuppressionIndex, DroppedEventCounter],
        },
        {
          provide: SuppressionService,
          useFactory: (
            suppressions: SuppressionRepository,
            dropCounts: SuppressionDropCountRepository,
            index: SuppressionIndex,
          ) => new SuppressionService(suppressions, dropCounts, index),
          inject: [SuppressionRepository, SuppressionDropCountRepository, SuppressionIndex],
        },
        DeletionPublisher,
        DataSubjectRequestService,
        DeletionConfirmationService,
      ],
      exports: [SuppressionGate, DataSubjectRequestService],
    };
  }
}

/** The admin routes under /admin/v1/workspaces/{workspaceId}/(data-subject-requests|suppressions). */
@Module({})
export class DataSubjectRequestsAdminModule {
  /** `dataSubjectRequests` is the app's DataSubjectRequestsModule. */
  static register(dataSubjectRequests: DynamicModule): DynamicModule {
    return {
      module: DataSubjectRequestsAdminModule,
      imports: [dataSubjectRequests, AdminAccessModule],
      controllers: [DataSubjectRequestsController],
    };
  }
}
