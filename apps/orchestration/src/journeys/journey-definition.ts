import { z } from 'zod';

/**
 * The journey definition language. Every part that will grow is a discriminated union on
 * `type` (triggers, steps) or an enum (entry rules), and every object is strict, so a later
 * issue adds a `wait`, `branch` or `experiment` step, a frequency cap or quiet hours as a new
 * member or field without reinterpreting existing files — and a typo in a file is refused at
 * start-up instead of being silently ignored.
 */

/** Journey and step ids end up in state keys ("ws|journey|profile") and event ids. */
const Slug = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'expected letters, digits, "-" or "_" (max 64)');

/** A track call with this exact event name starts the journey. */
export const TrackTrigger = z.strictObject({
  type: z.literal('track'),
  event: z.string().min(1).max(200),
});
export type TrackTrigger = z.infer<typeof TrackTrigger>;

/** Any identify call starts the journey. */
export const IdentifyTrigger = z.strictObject({ type: z.literal('identify') });
export type IdentifyTrigger = z.infer<typeof IdentifyTrigger>;

export const JourneyTrigger = z.discriminatedUnion('type', [TrackTrigger, IdentifyTrigger]);
export type JourneyTrigger = z.infer<typeof JourneyTrigger>;

/**
 * Who may enter. "once": a profile enters the journey at most once, ever. Re-entry rules
 * ("every", "once per period") become further members.
 */
export const EntryRule = z.enum(['once']);
export type EntryRule = z.infer<typeof EntryRule>;

/**
 * Send one message. Only email has a sender so far; other channels are added here together
 * with their sender, so a journey never requests a message nobody delivers.
 */
export const SendStep = z.strictObject({
  id: Slug,
  type: z.literal('send'),
  channel: z.literal('email'),
  templateId: Slug,
});
export type SendStep = z.infer<typeof SendStep>;

/** One step of a journey; waits, branches and experiments join this union. */
export const JourneyStep = z.discriminatedUnion('type', [SendStep]);
export type JourneyStep = z.infer<typeof JourneyStep>;

export const Journey = z
  .strictObject({
    id: Slug,
    name: z.string().min(1).max(200),
    trigger: JourneyTrigger,
    entry: EntryRule,
    steps: z.array(JourneyStep).min(1),
  })
  .superRefine((journey, ctx) => {
    reportDuplicates(
      journey.steps.map((step) => step.id),
      ['steps'],
      'step id',
      ctx,
    );
  });
export type Journey = z.infer<typeof Journey>;

export const JourneysFile = z
  .strictObject({ journeys: z.array(Journey) })
  .superRefine((file, ctx) => {
    reportDuplicates(
      file.journeys.map((journey) => journey.id),
      ['journeys'],
      'journey id',
      ctx,
    );
  });
export type JourneysFile = z.infer<typeof JourneysFile>;

function reportDuplicates(
  ids: readonly string[],
  path: readonly (string | number)[],
  what: string,
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (seen.has(id)) {
      ctx.addIssue({
        code: 'custom',
        message: `duplicate ${what} "${id}"`,
        path: [...path, index, 'id'],
      });
    }
    seen.add(id);
  });
}
