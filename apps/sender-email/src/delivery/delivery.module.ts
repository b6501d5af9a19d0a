import { Module, type DynamicModule } from '@nestjs/common';
import { PersistenceModule } from '@meridian/persistence';
import { ProfileErasureModule } from '@meridian/profile-erasure';
import { emailDeliveryCollections } from './email-delivery.collections';
import { EmailDeliveryRepository } from './email-delivery.repository';
import { EmailRequestsController } from './email-requests.controller';
import { EmailSender, SENDER_SETTINGS, type SenderSettings } from './email-sender.service';
import { ProfileErasureController } from './profile-erasure.controller';

/** Sender-email's record of the profiles it erased (ProfileErasureLedger). */
export const EMAIL_ERASED_PROFILES = 'email_erased_profiles';

/**
 * Consumes message requests for email, sends them and reports each outcome; deletes the
 * deliveries of profiles identity erased.
 */
@Module({})
export class DeliveryModule {
  /** `serviceName`: this service as named in deletion confirmations ('sender-email'). */
  static register(settings: SenderSettings, serviceName: string): DynamicModule {
    return {
      module: DeliveryModule,
      imports: [
        PersistenceModule.forFeature({
          collections: emailDeliveryCollections,
          repositories: [EmailDeliveryRepository],
        }),
        ProfileErasureModule.register({ serviceName, collection: EMAIL_ERASED_PROFILES }),
      ],
      controllers: [EmailRequestsController, ProfileErasureController],
      providers: [{ provide: SENDER_SETTINGS, useValue: settings }, EmailSender],
    };
  }
}
