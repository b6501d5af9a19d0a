import { Module, type DynamicModule } from '@nestjs/common';
import { JourneyCatalog } from './journey-catalog';
import { loadJourneysFile } from './journey-loader';

/** The journey catalog, read from the definitions file while the app is created. */
@Module({})
export class JourneysModule {
  static forRoot(options: { readonly journeysFile: string }): DynamicModule {
    return {
      module: JourneysModule,
      global: true,
      providers: [
        {
          provide: JourneyCatalog,
          // Loaded here, not on first use: a broken file stops the service at start-up.
          useFactory: () => new JourneyCatalog(loadJourneysFile(options.journeysFile)),
        },
      ],
      exports: [JourneyCatalog],
    };
  }
}
