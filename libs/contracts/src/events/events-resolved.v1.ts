import { z } from 'zod';
import { defineEvent, Partition } from '../envelope';
import { SegmentCall } from '../segment/call';
import { ProfileSnapshot } from './profile-snapshot';

/** Identity resolved a call to a profile; every downstream service starts from this. */
export const EventsResolvedV1 = defineEvent(
  'events.resolved',
  1,
  z.object({
    profileId: z.string().min(1),
    partition: Partition,
    call: SegmentCall,
    profile: ProfileSnapshot,
  }),
);
export type EventsResolvedV1 = z.infer<typeof EventsResolvedV1>;
