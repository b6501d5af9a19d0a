import { Module, type DynamicModule } from '@nestjs/common';
import { MailTransport } from './mail-transport';
import { SmtpHealthIndicator } from './smtp-health.indicator';
import { SmtpMailTransport } from './smtp-mail-transport';

/** The mail transport over SMTP_URL and its health indicator. */
@Module({})
export class SmtpModule {
  static forRoot(options: { readonly smtpUrl: string }): DynamicModule {
    return {
      module: SmtpModule,
      global: true,
      providers: [
        { provide: MailTransport, useFactory: () => new SmtpMailTransport(options.smtpUrl) },
        SmtpHealthIndicator,
      ],
      exports: [MailTransport, SmtpHealthIndicator],
    };
  }
}
