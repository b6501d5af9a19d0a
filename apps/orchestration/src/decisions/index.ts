export { Clock } from './clock';
export {
  decideJourney,
  decideSend,
  decideStep,
  messageIdFor,
  NO_EMAIL_ADDRESS,
  type Outgoing,
  type StepContext,
} from './decision-builder';
export { DecisionsModule } from './decisions.module';
export { deterministicId } from './deterministic-id';
export type { EventPublisher } from './event-publisher';
export { JourneyRunner, type JourneyStateStore } from './journey-runner.service';
export { displayNameOf, emailAddressOf } from './recipient';
