import type { Identifier } from '@meridian/contracts';
import { z } from 'zod';
import { BLOCKED_IDENTIFIER_VALUES, IDENTIFIER_TYPES } from './identifiers';
import { DEFAULT_IDENTIFIER_LIMITS, type IdentifierLimits } from './merge-plan';
import { SurvivorshipRule, type SurvivorshipRules } from './survivorship';

/** A regular expression source that compiles; refused with the compiler's message otherwise. */
const Pattern = z
  .string()
  .min(1)
  .max(200)
  .superRefine((source, ctx) => {
    try {
      new RegExp(source, 'i');
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `not a regular expression: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  });

const IdentifierType = z.string().regex(/^[A-Za-z][A-Za-z0-9_:.-]{0,63}$/);

/**
 * A workspace's identity resolution settings as stored and as the API takes them; everything
 * left out keeps Meridian's defaults (Segment Unify's). Arrays, not maps: trait and type names
 * may contain dots, which stored keys may not.
 */
export const IdentitySettings = z.object({
  /** Identifier types strongest first; types not listed follow, in the default order. */
  identifierPriority: z.array(IdentifierType).max(64).default([]),
  /** Per-profile limits by type, over the defaults (userId 1, email 5, phone 5, …). */
  identifierLimits: z
    .array(z.object({ type: IdentifierType, limit: z.number().int().min(1).max(100_000) }))
    .max(64)
    .default([]),
  /** Values never used to resolve, in addition to the built-in placeholders (case-insensitive). */
  blockedValues: z.array(Pattern).max(100).default([]),
  /** Survivorship per trait; traits not listed follow `defaultRule`. */
  survivorship: z
    .array(z.object({ trait: z.string().min(1).max(256), rule: SurvivorshipRule }))
    .max(500)
    .default([]),
  defaultRule: SurvivorshipRule.default({ rule: 'mostRecent' }),
});
export type IdentitySettings = z.infer<typeof IdentitySettings>;

/** What call resolution and merges apply for one workspace. */
export interface IdentityPolicy {
  /** Lower is stronger. */
  readonly priorityOf: (identifier: Identifier) => number;
  readonly limits: IdentifierLimits;
  readonly blocked: readonly RegExp[];
  readonly survivorship: SurvivorshipRules;
}

export function policyOf(settings: IdentitySettings): IdentityPolicy {
  const order = [
    ...settings.identifierPriority,
    ...IDENTIFIER_TYPES.filter((type) => !settings.identifierPriority.includes(type)),
  ];
  return {
    priorityOf: (identifier) => {
      const index = order.indexOf(identifier.type);
      return index === -1 ? order.length : index;
    },
    limits: {
      byType: new Map([
        ...DEFAULT_IDENTIFIER_LIMITS.byType,
        ...settings.identifierLimits.map(({ type, limit }): [string, number] => [type, limit]),
      ]),
      otherTypes: DEFAULT_IDENTIFIER_LIMITS.otherTypes,
    },
    blocked: [
      ...BLOCKED_IDENTIFIER_VALUES,
      ...settings.blockedValues.map((source) => new RegExp(source, 'i')),
    ],
    survivorship: {
      byTrait: new Map(settings.survivorship.map(({ trait, rule }) => [trait, rule])),
      fallback: settings.defaultRule,
    },
  };
}

export const DEFAULT_IDENTITY_POLICY: IdentityPolicy = policyOf(IdentitySettings.parse({}));

/** Where resolution gets a workspace's policy; IdentitySettingsService in the app. */
export abstract class IdentityPolicies {
  abstract policyFor(workspaceId: string): Promise<IdentityPolicy>;
}
