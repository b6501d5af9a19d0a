import { z } from 'zod';

/**
 * How an action's score trades exploitation for exploration.
 * - thompson: linear Thompson sampling, score = mean + scale × σ × N(0, 1) (the default).
 * - ucb: LinUCB, score = mean + scale × σ (deterministic; ties broken at random).
 */
export const BanditPolicy = z.enum(['thompson', 'ucb']);
export type BanditPolicy = z.infer<typeof BanditPolicy>;

export const BanditOptions = z.object({
  /** Length of the context vectors; coordinate 0 must be the intercept (1). */
  dimension: z.number().int().min(1).max(64),
  policy: BanditPolicy.default('thompson'),
  /**
   * Thompson: the posterior's noise scale v; UCB: α. Larger explores more. The default suits
   * click or conversion rewards (0/1, rates of a few to 30 %) learnt with `observe` at decision
   * time; tools/simulator compares values.
   */
  explorationScale: z.number().nonnegative().default(0.1),
  /** Ridge λ: the prior precision, A₀ = λI; in "observations" of a unit context. */
  ridge: z.number().positive().default(1),
  /**
   * Expected reward of an action without data (through the intercept). The default, 1, is the
   * best a 0/1 reward can be: a new action is optimistic and wins draws until its first
   * decisions (about 1 ÷ rate of them) pull its estimate down to what it earns.
   */
  priorMean: z.number().default(1),
});
export type BanditOptions = z.infer<typeof BanditOptions>;

/**
 * One action's posterior, stored flat for MongoDB (no nested arrays): the inverse of
 * A = λI + Σ x xᵀ row-major (dimension² numbers) and b = λ·priorMean·e₀ + Σ r x.
 */
export const BanditActionState = z.object({
  actionId: z.string().min(1),
  inverseCovariance: z.array(z.number()),
  rewardWeightedContext: z.array(z.number()),
  pulls: z.number().int().nonnegative(),
  rewardSum: z.number(),
});
export type BanditActionState = z.infer<typeof BanditActionState>;

export const BanditState = z
  .object({
    version: z.literal(1),
    options: BanditOptions,
    actions: z.array(BanditActionState),
  })
  .superRefine((state, ctx) => {
    const d = state.options.dimension;
    const seen = new Set<string>();
    state.actions.forEach((action, i) => {
      if (seen.has(action.actionId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['actions', i, 'actionId'],
          message: `duplicate action ${action.actionId}`,
        });
      }
      seen.add(action.actionId);
      if (action.inverseCovariance.length !== d * d) {
        ctx.addIssue({
          code: 'custom',
          path: ['actions', i, 'inverseCovariance'],
          message: `must hold dimension² = ${d * d} numbers, got ${action.inverseCovariance.length}`,
        });
      }
      if (action.rewardWeightedContext.length !== d) {
        ctx.addIssue({
          code: 'custom',
          path: ['actions', i, 'rewardWeightedContext'],
          message: `must hold dimension = ${d} numbers, got ${action.rewardWeightedContext.length}`,
        });
      }
    });
  });
export type BanditState = z.infer<typeof BanditState>;
