import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { envInt, loadConfig } from '@meridian/config';
import { z } from 'zod';
import { SMTP_CAPTURE } from '../services';
import type { StackContext } from '../stack';
import { describeReport, runDemo } from './demo';
import { firstCustomers } from './retail-customers';

const demoEnv = z.object({
  /** Folder of the Online Retail dataset; the repository's sample is used when it is absent. */
  MERIDIAN_DATASET_DIR: z.string().min(1).optional(),
  DEMO_CUSTOMERS: envInt(1, 5).default(3),
});

/** Runs after `stack up`: replays the first customers of the dataset and prints their story. */
export async function demo(ctx: StackContext): Promise<void> {
  const env = loadConfig(demoEnv);
  const { root, dataDir } = ctx.layout;
  const datasetDir =
    env.MERIDIAN_DATASET_DIR ?? resolve(root, '..', 'shared', 'datasets', 'online-retail');
  const full = join(datasetDir, 'online-retail.csv.gz');
  const file = existsSync(full)
    ? full
    : join(root, 'tools', 'stack', 'demo-data', 'online-retail-sample.csv');
  const customers = await firstCustomers(file, env.DEMO_CUSTOMERS);
  ctx.out(
    `\ndemo: replaying ${customers.length} customers of the Online Retail dataset (${relative(root, file)})\n`,
  );

  const url = (port: number) => `http://127.0.0.1:${port}`;
  const reports = await runDemo(
    {
      ingestion: url(ctx.ports.ingestion),
      identity: url(ctx.ports.identity),
      orchestration: url(ctx.ports.orchestration),
      mailApi: ctx.config.SMTP_URL ? undefined : url(ctx.config[SMTP_CAPTURE.httpPortEnv]),
      writeKey: ctx.config.MERIDIAN_WRITE_KEY,
      adminKey: ctx.config.MERIDIAN_ADMIN_KEY,
      workspaceId: ctx.config.MERIDIAN_WORKSPACE_ID,
      spanFile: join(dataDir, 'spans.jsonl'),
    },
    customers,
  );
  for (const report of reports) ctx.out(`${describeReport(report)}\n`);
  ctx.out(
    'The stack keeps running: try the curl examples in README.md; `npm run stack:down` stops it.',
  );
}
