import type { z } from 'zod';
import { Controller, Get, Headers, NotFoundException, Param } from '@nestjs/common';
import { JourneyCatalog, type Journey } from '../journeys';
import { JourneyState, JourneyStateRepository } from '../journey-state';
import { WORKSPACE_HEADER, workspaceFromHeader } from './workspace-header';

/** A profile's state in a journey as the API shows it (the storage key stays inside). */
const JourneyStateView = JourneyState.omit({ _id: true });
export type JourneyStateView = z.infer<typeof JourneyStateView>;

@Controller('v1/journeys')
export class JourneysController {
  constructor(
    private readonly catalog: JourneyCatalog,
    private readonly states: JourneyStateRepository,
  ) {}

  /** The journeys this instance runs, as loaded from its definition file. */
  @Get()
  list(): { journeys: readonly Journey[] } {
    return { journeys: this.catalog.journeys };
  }

  @Get(':journeyId/states/:profileId')
  async state(
    @Param('journeyId') journeyId: string,
    @Param('profileId') profileId: string,
    @Headers(WORKSPACE_HEADER) workspaceHeader: string | undefined,
  ): Promise<JourneyStateView> {
    const workspaceId = workspaceFromHeader(workspaceHeader);
    if (!this.catalog.get(journeyId)) {
      throw new NotFoundException(`no journey "${journeyId}"`);
    }
    const state = await this.states.find(workspaceId, journeyId, profileId);
    if (!state) {
      throw new NotFoundException(
        `profile "${profileId}" has not entered journey "${journeyId}" in workspace "${workspaceId}"`,
      );
    }
    return JourneyStateView.parse(state);
  }
}
