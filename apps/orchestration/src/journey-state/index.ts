export {
  admit,
  admitOnce,
  type Admission,
  type InsertOutcome,
  type JourneyEntryStore,
} from './entry-rule';
export { journeyStateCollections, journeyStatesCollection } from './journey-state.collections';
export { JourneyStateRepository } from './journey-state.repository';
export { enteringState, JourneyState, journeyStateId, JourneyStatus } from './journey-state';
export { JourneyStateModule } from './journey-state.module';
