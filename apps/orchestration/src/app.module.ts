import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { JetStreamModule, NatsHealthIndicator } from '@meridian/messaging';
import { ObservabilityModule } from '@meridian/observability';
import { MongoHealthIndicator, PersistenceModule } from '@meridian/persistence';
import type { OrchestrationConfig } from './config';
import { DecisionsModule } from './decisions';
import { JourneysApiModule } from './http';
import { JourneysModule } from './journeys';

export const SERVICE_NAME = 'orchestration';

const ON_SHUTDOWN = Symbol('orchestration.on-shutdown');

export interface AppOptions {
  /** Runs when the app shuts down (main.ts flushes telemetry here). */
  readonly onShutdown?: () => Promise<void>;
}

@Injectable()
class ShutdownCallback implements OnApplicationShutdown {
  constructor(@Inject(ON_SHUTDOWN) private readonly callback: () => Promise<void>) {}

  async onApplicationShutdown(): Promise<void> {
    await this.callback();
  }
}

/** Wiring only: infrastructure from the config, then the orchestration features. */
@Module({})
export class AppModule {
  static forRoot(config: OrchestrationConfig, options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      providers: [
        { provide: ON_SHUTDOWN, useValue: options.onShutdown ?? (async () => undefined) },
        ShutdownCallback,
      ],
      imports: [
        PersistenceModule.forRoot({
          mongoUrl: config.MONGO_URL,
          database: config.MONGO_DB,
          appName: SERVICE_NAME,
        }),
        JetStreamModule.forRoot({
          natsUrl: config.NATS_URL,
          namespace: config.MERIDIAN_NAMESPACE,
          partitions: config.MERIDIAN_PARTITIONS,
          ownedPartitions: config.OWNED_PARTITIONS,
          serviceName: SERVICE_NAME,
        }),
        ObservabilityModule.forRoot({
          serviceName: SERVICE_NAME,
          healthIndicators: [NatsHealthIndicator, MongoHealthIndicator],
        }),
        JourneysModule.forRoot({ journeysFile: config.JOURNEYS_FILE }),
        DecisionsModule,
        JourneysApiModule,
      ],
    };
  }
}
