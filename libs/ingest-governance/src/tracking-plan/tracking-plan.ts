import { z } from 'zod';

/** See the README: how a plan treats unplanned events and properties. */
export const TrackingPlanMode = z.enum(['allow', 'omit', 'block'], {
  error: "mode must be 'allow', 'omit' or 'block'",
});
export type TrackingPlanMode = z.infer<typeof TrackingPlanMode>;

/**
 * A JSON Schema (draft-07 / 2019-09 keywords as Ajv 8 knows them) for the properties of one
 * event, or for identify traits: it must describe an object.
 */
export const ObjectJsonSchema = z
  .record(z.string(), z.unknown(), {
    error: 'must be a JSON Schema object, e.g. { "type": "object" }',
  })
  .superRefine((schema, ctx) => {
    const type = schema['type'];
    if (type !== undefined && type !== 'object') {
      ctx.addIssue({
        code: 'custom',
        path: ['type'],
        message: `must describe an object (type "object"), not ${JSON.stringify(type)}`,
      });
    }
    if (schema['$async'] === true) {
      ctx.addIssue({
        code: 'custom',
        path: ['$async'],
        message: 'asynchronous schemas are not supported',
      });
    }
  });
export type ObjectJsonSchema = z.infer<typeof ObjectJsonSchema>;

/** A workspace's tracking plan: which events exist and what their properties look like. */
export const TrackingPlan = z.strictObject(
  {
    mode: TrackingPlanMode,
    /** Event name (as sent in track calls) → JSON Schema of its properties. */
    events: z.record(z.string().min(1, 'event names may not be empty'), ObjectJsonSchema, {
      error: 'events must map event names to JSON Schemas',
    }),
    /** JSON Schema of identify traits; without it identify calls are not governed. */
    identifyTraits: ObjectJsonSchema.optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}: a plan has only mode, events and identifyTraits`
        : 'a tracking plan must be an object with mode and events',
  },
);
export type TrackingPlan = z.infer<typeof TrackingPlan>;
