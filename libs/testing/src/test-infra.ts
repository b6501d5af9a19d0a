import { randomBytes } from 'node:crypto';
import { loadConfig } from '@meridian/config';
import { z } from 'zod';

/**
 * Where the real servers for integration and end-to-end suites listen. `./meridian test`
 * (and CI) start them with tools/local-infra on the test profile's ports and export these.
 */
export const testInfraEnv = z.object({
  MERIDIAN_TEST_NATS_URL: z.string().min(1).default('nats://127.0.0.1:24222'),
  MERIDIAN_TEST_MONGO_URL: z.string().min(1).default('mongodb://127.0.0.1:27217'),
});

export interface TestInfra {
  readonly natsUrl: string;
  readonly mongoUrl: string;
}

export function testInfra(): TestInfra {
  const env = loadConfig(testInfraEnv);
  return { natsUrl: env.MERIDIAN_TEST_NATS_URL, mongoUrl: env.MERIDIAN_TEST_MONGO_URL };
}

/**
 * A namespace of its own for one suite: its streams, subjects and database never meet
 * another suite's, so suites can share one nats-server and one database server.
 */
export function uniqueNamespace(label = 't'): string {
  const clean =
    label
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 12) || 't';
  return `${/^[a-z]/.test(clean) ? clean : `t${clean}`}_${randomBytes(4).toString('hex')}`;
}
