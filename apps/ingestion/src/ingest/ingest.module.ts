import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import {
  JETSTREAM_OPTIONS,
  KeyValueDedupeStore,
  NatsClient,
  type ResolvedJetStreamOptions,
} from '@meridian/messaging';
import { compileTrackingPlan } from '@meridian/ingest-governance';
import { SourceSettingsService, WorkspacesModule, WriteKeyService } from '@meridian/workspaces';
import { RateLimiter } from '../rate-limit';
import { SuppressionFilter } from '../suppression';
import { BatchController } from './batch.controller';
import { CallDedupe } from './call-dedupe';
import { CallDelivery } from './call-delivery';
import { CallPublisher } from './call-publisher';
import { CallQuarantine, JetStreamCallQuarantine } from './call-quarantine';
import { GovernancePolicy } from './governance-policy';
import { SourceGovernancePolicy } from './source-governance-policy';
import { CallsController } from './calls.controller';
import { IngestRejectionFilter } from './ingest-rejection.filter';
import { IngestMetrics } from './ingest.metrics';
import { INGEST_COLLABORATORS, IngestService, type IngestCollaborators } from './ingest.service';
import { INGEST_SETTINGS, type IngestSettings } from './ingest.settings';
import { JetStreamCallPublisher } from './jetstream-call-publisher';
import { KeyValueCallDedupe } from './key-value-call-dedupe';

/** The Segment-compatible endpoints; needs JetStreamModule, PersistenceModule and ObservabilityModule. */
@Module({})
export class IngestModule {
  /** `suppression` is the app's SuppressionModule, whose filter drops suppressed people's calls. */
  static register(settings: IngestSettings, suppression: DynamicModule): DynamicModule {
    return {
      module: IngestModule,
      imports: [
        WorkspacesModule.register({ validateTrackingPlan: compileTrackingPlan }),
        suppression,
      ],
      controllers: [CallsController, BatchController],
      providers: [
        { provide: INGEST_SETTINGS, useValue: settings },
        { provide: RateLimiter, useFactory: () => new RateLimiter(settings.rateLimit) },
        { provide: CallPublisher, useClass: JetStreamCallPublisher },
        {
          provide: CallDedupe,
          useFactory: (client: NatsClient, jetStream: ResolvedJetStreamOptions) =>
            new KeyValueCallDedupe(
              new KeyValueDedupeStore(client, {
                namespace: jetStream.namespace.name,
                bucket: 'INGEST_DEDUPE',
                windowMs: settings.dedupeWindowMs,
              }),
              settings.dedupeWindowMs,
            ),
          inject: [NatsClient, JETSTREAM_OPTIONS],
        },
        {
          provide: GovernancePolicy,
          useFactory: (sourceSettings: SourceSettingsService) =>
            new SourceGovernancePolicy(sourceSettings, settings.governance),
          inject: [SourceSettingsService],
        },
        { provide: CallQuarantine, useClass: JetStreamCallQuarantine },
        {
          provide: INGEST_COLLABORATORS,
          useFactory: (
            writeKeys: WriteKeyService,
            governance: GovernancePolicy,
            rateLimiter: RateLimiter,
            delivery: CallDelivery,
            quarantine: CallQuarantine,
            suppression: SuppressionFilter,
          ): IngestCollaborators => ({
            writeKeys,
            governance,
            rateLimiter,
            delivery,
            quarantine,
            suppression,
          }),
          inject: [
            WriteKeyService,
            GovernancePolicy,
            RateLimiter,
            CallDelivery,
            CallQuarantine,
            SuppressionFilter,
          ],
        },
        { provide: APP_FILTER, useClass: IngestRejectionFilter },
        CallDelivery,
        IngestMetrics,
        IngestService,
      ],
      // The gRPC server answers through the same service and metrics as the HTTP controllers.
      exports: [IngestService, IngestMetrics],
    };
  }
}
