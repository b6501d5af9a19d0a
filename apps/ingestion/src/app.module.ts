import { Module, type DynamicModule } from '@nestjs/common';
import { AdminCoreModule, AdminOpenApiModule } from '@meridian/admin-api';
import {
  DataSubjectRequestsAdminModule,
  DataSubjectRequestsModule,
} from '@meridian/data-subject-requests';
import { PlatformModule } from '@meridian/platform';
import { adminOpenApiDocument } from './admin-openapi';
import {
  dataSubjectRequestSettingsOf,
  grpcSettingsOf,
  INGESTION_SERVICE_NAME,
  ingestSettingsOf,
  sdkSettingsOf,
  type IngestionConfig,
} from './config';
import { IngestGrpcModule } from './grpc';
import { ImportsModule } from './imports';
import { IngestModule } from './ingest';
import { QuarantineModule } from './quarantine';
import { SdkSettingsModule } from './sdk-settings';
import { SuppressionModule } from './suppression';

@Module({})
export class AppModule {
  static forRoot(config: IngestionConfig): DynamicModule {
    // One instance of each feature: one suppression index and drop counter for every path.
    const dataSubjectRequests = DataSubjectRequestsModule.register(
      dataSubjectRequestSettingsOf(config),
    );
    // One instance of the ingest feature, shared by the HTTP controllers and the gRPC server.
    const ingest = IngestModule.register(
      ingestSettingsOf(config),
      SuppressionModule.register(dataSubjectRequests),
    );
    return {
      module: AppModule,
      imports: [
        // Ingestion owns no partition; it consumes only deletion confirmations (unpartitioned).
        PlatformModule.forService({ serviceName: INGESTION_SERVICE_NAME, config }),
        dataSubjectRequests,
        ingest,
        IngestGrpcModule.register(grpcSettingsOf(config), ingest),
        // What analytics.js loads besides the Segment API: its settings, and /v1/m.
        SdkSettingsModule.register(sdkSettingsOf(config)),
        // The admin API under /admin/v1 (admin keys, workspaces, sources, keys, settings).
        ...(config.ADMIN_API_ENABLED
          ? [
              AdminCoreModule,
              AdminOpenApiModule.register(adminOpenApiDocument()),
              QuarantineModule.register(ingest),
              ImportsModule.register(ingest),
              DataSubjectRequestsAdminModule.register(dataSubjectRequests),
            ]
          : []),
      ],
    };
  }
}
