export { JourneysController, type JourneyStateView } from './journeys.controller';
export { DEFAULT_WORKSPACE, WORKSPACE_HEADER, workspaceFromHeader } from './workspace-header';
export { JourneysApiModule } from './journeys-api.module';
