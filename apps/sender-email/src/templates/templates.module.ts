import { Module, type DynamicModule } from '@nestjs/common';
import { TemplateStore } from './template-store';

/** The email templates, read from TEMPLATES_DIR while the app is created. */
@Module({})
export class TemplatesModule {
  static forRoot(options: { readonly templatesDir: string }): DynamicModule {
    return {
      module: TemplatesModule,
      global: true,
      providers: [
        {
          provide: TemplateStore,
          // Loaded here, not on first use: a broken template stops the service at start-up.
          useFactory: () => TemplateStore.fromDirectory(options.templatesDir),
        },
      ],
      exports: [TemplateStore],
    };
  }
}
