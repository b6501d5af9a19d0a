import { z } from 'zod';
import { defineEvent, Partition } from '../envelope';
import { Channel } from './message-ref';

const SendAction = z.object({
  kind: z.literal('send'),
  channel: Channel,
  templateId: z.string().min(1),
  messageId: z.string().min(1),
});
const SkipAction = z.object({ kind: z.literal('skip'), reason: z.string().min(1) });

/** Orchestration decided what to do for a profile at a journey step, and why. */
export const DecisionMadeV1 = defineEvent(
  'decision.made',
  1,
  z.object({
    profileId: z.string().min(1),
    partition: Partition,
    journeyId: z.string().min(1),
    stepId: z.string().min(1),
    trigger: z.string().min(1),
    action: z.discriminatedUnion('kind', [SendAction, SkipAction]),
  }),
);
export type DecisionMadeV1 = z.infer<typeof DecisionMadeV1>;
