import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@meridian/platform';
import { senderSettingsOf, type SenderEmailConfig } from './config';
import { DeliveryModule } from './delivery';
import { SmtpHealthIndicator, SmtpModule } from './smtp';
import { TemplatesModule } from './templates';

export const SENDER_EMAIL_SERVICE_NAME = 'sender-email';

/** Wiring only: the platform from the config, then the email delivery feature. */
@Module({})
export class AppModule {
  static forRoot(config: SenderEmailConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // The email consumer is not partitioned (every instance shares all requests), so
        // no owned partitions; ready only while the SMTP server answers too.
        PlatformModule.forService({
          serviceName: SENDER_EMAIL_SERVICE_NAME,
          config,
          healthIndicators: [SmtpHealthIndicator],
        }),
        SmtpModule.forRoot({ smtpUrl: config.SMTP_URL }),
        TemplatesModule.forRoot({ templatesDir: config.TEMPLATES_DIR }),
        DeliveryModule.register(senderSettingsOf(config), SENDER_EMAIL_SERVICE_NAME),
      ],
    };
  }
}
