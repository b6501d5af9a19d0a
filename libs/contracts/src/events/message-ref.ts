import { z } from 'zod';
import { Partition } from '../envelope';
import { CHANNELS } from '../registry';

/** A delivery channel. */
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

/** Fields every message lifecycle event carries: which message, for whom, where. */
export const MessageRef = z.object({
  messageId: z.string().min(1).max(128),
  profileId: z.string().min(1),
  partition: Partition,
  channel: Channel,
  templateId: z.string().min(1),
  journeyId: z.string().min(1).nullable(),
});
export type MessageRef = z.infer<typeof MessageRef>;
