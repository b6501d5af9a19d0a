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
import { senderSettingsOf, type SenderEmailConfig } from './config';
import { DeliveryModule } from './delivery';
import { SmtpHealthIndicator, SmtpModule } from './smtp';
import { TemplatesModule } from './templates';

export const SERVICE_NAME = 'sender-email';

const ON_SHUTDOWN = Symbol('sender-email.on-shutdown');

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

/** Wiring only: infrastructure from the config, then the email delivery feature. */
@Module({})
export class AppModule {
  static forRoot(config: SenderEmailConfig, options: AppOptions = {}): DynamicModule {
    const smtp = SmtpModule.forRoot({ smtpUrl: config.SMTP_URL });
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
          // The email consumer is not partitioned: every instance shares all requests.
          ownedPartitions: [],
          serviceName: SERVICE_NAME,
        }),
        smtp,
        ObservabilityModule.forRoot({
          serviceName: SERVICE_NAME,
          healthIndicators: [NatsHealthIndicator, MongoHealthIndicator, SmtpHealthIndicator],
        }),
        TemplatesModule.forRoot({ templatesDir: config.TEMPLATES_DIR }),
        DeliveryModule.register(senderSettingsOf(config)),
      ],
    };
  }
}
