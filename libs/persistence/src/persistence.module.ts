import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
  type Provider,
  type Type,
} from '@nestjs/common';
import { MongoClient } from 'mongodb';
import type { CollectionDefinition } from './collections';
import { connectClient, type ConnectionOptions } from './connection';
import type { Database } from './driver-types';
import { ensureCollections } from './ensure-collections';
import { MongoHealthIndicator } from './mongo-health.indicator';
import {
  FEATURE_COLLECTIONS,
  InjectDatabase,
  PERSISTENCE_CLIENT,
  PERSISTENCE_DB,
  PERSISTENCE_OPTIONS,
} from './tokens';

export interface PersistenceOptions extends ConnectionOptions {
  readonly mongoUrl: string;
  readonly database: string;
}

export interface PersistenceFeature {
  /** Collections this feature owns; created with their indexes when the module starts. */
  readonly collections?: readonly CollectionDefinition[];
  /** Repository classes (BaseRepository subclasses) to provide and export. */
  readonly repositories?: readonly Type<unknown>[];
}

/** Closes the client last, after other modules' shutdown hooks may still have written. */
@Injectable()
class MongoClientCloser implements OnApplicationShutdown {
  constructor(@Inject(PERSISTENCE_CLIENT) private readonly client: MongoClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}

@Injectable()
class CollectionsInitializer implements OnModuleInit {
  private readonly logger = new Logger('Persistence');

  constructor(
    @InjectDatabase() private readonly db: Database,
    @Inject(FEATURE_COLLECTIONS) private readonly collections: readonly CollectionDefinition[],
  ) {}

  async onModuleInit(): Promise<void> {
    const report = await ensureCollections(this.db, this.collections);
    this.logger.log(
      `collections ready: created ${JSON.stringify(report.createdCollections)}, ` +
        `indexes created ${JSON.stringify(report.createdIndexes)}, unmanaged ${JSON.stringify(report.unmanagedIndexes)}`,
    );
  }
}

@Module({})
export class PersistenceModule {
  /**
   * Import once, in the app module. The client is connected while the module is
   * created (an async provider), so every repository and onModuleInit hook gets a
   * connected Database; it is closed on application shutdown.
   */
  static forRoot(options: PersistenceOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: PERSISTENCE_OPTIONS, useValue: options },
      {
        provide: PERSISTENCE_CLIENT,
        useFactory: (settings: PersistenceOptions) => connectClient(settings.mongoUrl, settings),
        inject: [PERSISTENCE_OPTIONS],
      },
      {
        provide: PERSISTENCE_DB,
        useFactory: (client: MongoClient, settings: PersistenceOptions) =>
          client.db(settings.database),
        inject: [PERSISTENCE_CLIENT, PERSISTENCE_OPTIONS],
      },
      MongoHealthIndicator,
      MongoClientCloser,
    ];
    return {
      module: PersistenceModule,
      global: true,
      providers,
      exports: [PERSISTENCE_DB, MongoHealthIndicator],
    };
  }

  /** Import from each module that owns collections or repositories. */
  static forFeature(feature: PersistenceFeature): DynamicModule {
    const repositories = [...(feature.repositories ?? [])];
    return {
      module: PersistenceModule,
      providers: [
        { provide: FEATURE_COLLECTIONS, useValue: feature.collections ?? [] },
        CollectionsInitializer,
        ...repositories,
      ],
      exports: repositories,
    };
  }
}
