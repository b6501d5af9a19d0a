import {
  httpPort,
  loadConfig,
  partitionList,
  platformEnv,
  type Environment,
} from '@meridian/config';
import { z } from 'zod';

const identityEnv = platformEnv.extend(httpPort(8081).shape).extend({
  /** Partitions this instance consumes; empty means all of MERIDIAN_PARTITIONS. */
  OWNED_PARTITIONS: partitionList.optional(),
  /** Workspace a profile API request reads when it sends no X-Meridian-Workspace header. */
  DEFAULT_WORKSPACE_ID: z.string().min(1).max(64).default('local'),
});

/**
 * The identity service's configuration. OWNED_PARTITIONS defaults to every partition
 * ("0-<MERIDIAN_PARTITIONS-1>"), and an owned partition must exist.
 */
export const IdentityConfig = identityEnv
  .transform((env) => ({
    ...env,
    OWNED_PARTITIONS:
      env.OWNED_PARTITIONS ?? Array.from({ length: env.MERIDIAN_PARTITIONS }, (_, index) => index),
  }))
  .superRefine((env, ctx) => {
    const outside = env.OWNED_PARTITIONS.filter(
      (partition) => partition >= env.MERIDIAN_PARTITIONS,
    );
    if (outside.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['OWNED_PARTITIONS'],
        message: `partitions ${outside.join(',')} do not exist (MERIDIAN_PARTITIONS=${env.MERIDIAN_PARTITIONS})`,
      });
    }
  });
export type IdentityConfig = z.infer<typeof IdentityConfig>;

export function loadIdentityConfig(env?: Environment): IdentityConfig {
  return loadConfig(IdentityConfig, env);
}
