export {
  EntryRule,
  IdentifyTrigger,
  Journey,
  JourneyStep,
  JourneyTrigger,
  JourneysFile,
  SendStep,
  TrackTrigger,
} from './journey-definition';
export { JourneyCatalog } from './journey-catalog';
export { JourneyDefinitionError, loadJourneysFile, parseJourneys } from './journey-loader';
export { describeTrigger, journeysTriggeredBy, triggerMatches } from './trigger-matching';
export { JourneysModule } from './journeys.module';
