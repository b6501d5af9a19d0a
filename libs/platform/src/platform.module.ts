import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type InjectionToken,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import type { PlatformEnv } from '@meridian/config';
import { JetStreamModule, NatsHealthIndicator } from '@meridian/messaging';
import { ObservabilityModule } from '@meridian/observability';
import { MongoHealthIndicator, PersistenceModule } from '@meridian/persistence';

export interface PlatformOptions {
  readonly serviceName: string;
  readonly config: PlatformEnv;
  /**
   * Partitions this instance consumes. None when omitted: right for a service that only
   * publishes, or whose consumers are not partitioned.
   */
  readonly ownedPartitions?: readonly number[];
  /** Whether the service talks to NATS at all; default true. */
  readonly messaging?: boolean;
  /**
   * Readiness checks beyond NATS and MongoDB, as injection tokens. They must come from a
   * global module, as ObservabilityModule resolves them.
   */
  readonly healthIndicators?: readonly InjectionToken[];
  /** Runs when the application shuts down. */
  readonly onShutdown?: () => Promise<void>;
}

const ON_SHUTDOWN = Symbol('meridian.platform.on-shutdown');

@Injectable()
class ShutdownCallback implements OnApplicationShutdown {
  constructor(@Inject(ON_SHUTDOWN) private readonly callback: () => Promise<void>) {}

  async onApplicationShutdown(): Promise<void> {
    await this.callback();
  }
}

/** What GET /health/ready checks, in this order. */
export function readinessIndicators(options: PlatformOptions): InjectionToken[] {
  const nats = options.messaging === false ? [] : [NatsHealthIndicator];
  return [...nats, MongoHealthIndicator, ...(options.healthIndicators ?? [])];
}

/**
 * The infrastructure every Meridian service runs on: MongoDB, the JetStream transport,
 * and /metrics with /health/live and /health/ready. The modules it imports are global, so
 * the service's features inject their providers directly.
 */
@Module({})
export class PlatformModule {
  static forService(options: PlatformOptions): DynamicModule {
    const { serviceName, config } = options;
    const messaging =
      options.messaging === false
        ? []
        : [
            JetStreamModule.forRoot({
              natsUrl: config.NATS_URL,
              namespace: config.MERIDIAN_NAMESPACE,
              partitions: config.MERIDIAN_PARTITIONS,
              ownedPartitions: options.ownedPartitions ?? [],
              serviceName,
            }),
          ];
    const providers: Provider[] =
      options.onShutdown === undefined
        ? []
        : [{ provide: ON_SHUTDOWN, useValue: options.onShutdown }, ShutdownCallback];
    return {
      module: PlatformModule,
      providers,
      imports: [
        PersistenceModule.forRoot({
          mongoUrl: config.MONGO_URL,
          database: config.MONGO_DB,
          appName: serviceName,
        }),
        ...messaging,
        ObservabilityModule.forRoot({
          serviceName,
          healthIndicators: readinessIndicators(options),
        }),
      ],
    };
  }
}
