import { z } from 'zod';

/** Where a profile is in a journey. Steps run at once for now, so a state ends "completed". */
export const JourneyStatus = z.enum(['active', 'completed']);
export type JourneyStatus = z.infer<typeof JourneyStatus>;

/** One profile's passage through one journey; the document of `journey_states`. */
export const JourneyState = z.object({
  /** `${workspaceId}|${journeyId}|${profileId}`: unique, so only one entry can ever win. */
  _id: z.string().min(1),
  workspaceId: z.string().min(1),
  journeyId: z.string().min(1),
  profileId: z.string().min(1),
  /** The resolved event that made the profile enter; its redelivery replays the entry. */
  triggerEventId: z.string().min(1),
  /** Also the time of every decision of this entry, so a replay publishes identical events. */
  enteredAt: z.iso.datetime({ offset: true }),
  status: JourneyStatus,
  completedAt: z.iso.datetime({ offset: true }).nullable(),
  revision: z.number().int().min(0),
});
export type JourneyState = z.infer<typeof JourneyState>;

export function journeyStateId(workspaceId: string, journeyId: string, profileId: string): string {
  return `${workspaceId}|${journeyId}|${profileId}`;
}

/** The state a profile gets when it enters a journey now. */
export function enteringState(entry: {
  workspaceId: string;
  journeyId: string;
  profileId: string;
  triggerEventId: string;
  enteredAt: string;
}): JourneyState {
  return {
    _id: journeyStateId(entry.workspaceId, entry.journeyId, entry.profileId),
    ...entry,
    status: 'active',
    completedAt: null,
    revision: 0,
  };
}
