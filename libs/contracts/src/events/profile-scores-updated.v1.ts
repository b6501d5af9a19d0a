import { z } from 'zod';
import { defineEvent, IsoDateTime, Partition } from '../envelope';

const ProfileId = z.string().min(1).max(128);
const Name = z.string().min(1).max(200);

/** One score scoring computed for a profile (a propensity, an RFM cell, a lead score). */
export const ProfileScore = z.object({ name: Name, value: z.number().finite() });
export type ProfileScore = z.infer<typeof ProfileScore>;

/**
 * A command from scoring to identity: write these scores and segment changes on the golden
 * record. Published on `ingest.<partition>` (the profile's partition), so the profile's only
 * writer applies it in order with the partition's calls; a profile merged away meanwhile is
 * followed to its survivor, and the command passed on to the survivor's partition (`hops`
 * counts how often). Scores replace older values of the same name; a segment is entered or
 * left. `scoredAt` decides between two commands about the same score or segment: an older one
 * never overwrites a newer one. The envelope id should be derived from what was scored, so a
 * republished command is applied once.
 */
export const ProfileScoresUpdatedV1 = defineEvent(
  'profile.scores.updated',
  1,
  z
    .object({
      profileId: ProfileId,
      partition: Partition,
      /** When scoring computed these values. */
      scoredAt: IsoDateTime,
      scores: z.array(ProfileScore).max(100).default([]),
      segments: z
        .object({
          entered: z.array(Name).max(100).default([]),
          exited: z.array(Name).max(100).default([]),
        })
        .default({ entered: [], exited: [] }),
      hops: z.number().int().min(0).max(16).default(0),
    })
    .superRefine((payload, ctx) => {
      const scoreNames = payload.scores.map((score) => score.name);
      for (const name of duplicatesIn(scoreNames)) {
        ctx.addIssue({
          code: 'custom',
          message: `score "${name}" is given twice`,
          path: ['scores'],
        });
      }
      const { entered, exited } = payload.segments;
      for (const name of entered.filter((segment) => exited.includes(segment))) {
        ctx.addIssue({
          code: 'custom',
          message: `segment "${name}" cannot be both entered and exited`,
          path: ['segments'],
        });
      }
    }),
);
export type ProfileScoresUpdatedV1 = z.infer<typeof ProfileScoresUpdatedV1>;

function duplicatesIn(names: readonly string[]): string[] {
  return [...new Set(names.filter((name, index) => names.indexOf(name) !== index))];
}
