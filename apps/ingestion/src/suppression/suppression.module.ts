import { Module, type DynamicModule } from '@nestjs/common';
import { GateSuppressionFilter, SuppressionFilter } from './suppression-filter';
import { SuppressionMetrics } from './suppression.metrics';

/** Ingestion's suppression check; needs ObservabilityModule (PlatformModule) in the app. */
@Module({})
export class SuppressionModule {
  /** `dataSubjectRequests` is the app's DataSubjectRequestsModule, whose SuppressionGate it uses. */
  static register(dataSubjectRequests: DynamicModule): DynamicModule {
    return {
      module: SuppressionModule,
      imports: [dataSubjectRequests],
      providers: [
        SuppressionMetrics,
        { provide: SuppressionFilter, useClass: GateSuppressionFilter },
      ],
      exports: [SuppressionFilter],
    };
  }
}
