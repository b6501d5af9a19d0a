import { Module, type DynamicModule } from '@nestjs/common';
import { PersistenceModule } from '@meridian/persistence';
import { emailDeliveryCollections } from './email-delivery.collections';
import { EmailDeliveryRepository } from './email-delivery.repository';
import { EmailRequestsController } from './email-requests.controller';
import { EmailSender, SENDER_SETTINGS, type SenderSettings } from './email-sender.service';

/** Consumes message requests for email, sends them and reports each outcome. */
@Module({})
export class DeliveryModule {
  static register(settings: SenderSettings): DynamicModule {
    return {
      module: DeliveryModule,
      imports: [
        PersistenceModule.forFeature({
          collections: emailDeliveryCollections,
          repositories: [EmailDeliveryRepository],
        }),
      ],
      controllers: [EmailRequestsController],
      providers: [{ provide: SENDER_SETTINGS, useValue: settings }, EmailSender],
    };
  }
}
