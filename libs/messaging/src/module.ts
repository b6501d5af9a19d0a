import type { DynamicModule } from '@nestjs/common';
import { NatsClient } from './connection';
import { NatsHealthIndicator } from './health';
import {
  JETSTREAM_OPTIONS,
  resolveJetStreamOptions,
  type JetStreamModuleOptions,
  type ResolvedJetStreamOptions,
} from './options';
import { JetStreamPublisher } from './publisher';
import { JetStreamServer } from './server';

/**
 * The JetStream transport for one service: `JetStreamModule.forRoot({ natsUrl, namespace,
 * partitions, ownedPartitions, serviceName })`, global, so any module can inject the publisher.
 *
 * Providers are built by explicit factories rather than `@Injectable()` classes: what each one
 * receives is visible here, nothing depends on emitted decorator metadata, and the library
 * loads even where decorators are not compiled (a plain script importing the provisioning API).
 */
export class JetStreamModule {
  static forRoot(options: JetStreamModuleOptions): DynamicModule {
    const resolved = resolveJetStreamOptions(options);
    return {
      module: JetStreamModule,
      global: true,
      providers: [
        { provide: JETSTREAM_OPTIONS, useValue: resolved },
        {
          provide: NatsClient,
          useFactory: (o: ResolvedJetStreamOptions) => new NatsClient(o),
          inject: [JETSTREAM_OPTIONS],
        },
        {
          provide: JetStreamPublisher,
          useFactory: (client: NatsClient, o: ResolvedJetStreamOptions) =>
            new JetStreamPublisher(client, o),
          inject: [NatsClient, JETSTREAM_OPTIONS],
        },
        {
          provide: JetStreamServer,
          useFactory: (client: NatsClient, o: ResolvedJetStreamOptions) =>
            new JetStreamServer(client, o),
          inject: [NatsClient, JETSTREAM_OPTIONS],
        },
        {
          provide: NatsHealthIndicator,
          useFactory: (client: NatsClient) => new NatsHealthIndicator(client),
          inject: [NatsClient],
        },
      ],
      exports: [
        JETSTREAM_OPTIONS,
        NatsClient,
        JetStreamPublisher,
        JetStreamServer,
        NatsHealthIndicator,
      ],
    };
  }
}
