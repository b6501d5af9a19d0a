export { DeliveryModule, EMAIL_ERASED_PROFILES } from './delivery.module';
export { deterministicId } from './deterministic-id';
export { DeliveryStatus, EmailDelivery } from './email-delivery';
export { emailDeliveryCollections, emailDeliveriesCollection } from './email-delivery.collections';
export { EmailDeliveryRepository, type AttemptDetails } from './email-delivery.repository';
export {
  EmailSender,
  NO_EMAIL_ADDRESS,
  PROFILE_ERASED,
  SENDER_SETTINGS,
  type DeliveryStore,
  type ErasedProfiles,
  type SenderSettings,
} from './email-sender.service';
export type { EventPublisher } from './event-publisher';
export { domainOfAddress, messageIdHeader } from './message-id-header';
