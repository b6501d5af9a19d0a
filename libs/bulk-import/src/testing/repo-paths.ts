import { resolve } from 'node:path';

/** The repository root (this file is libs/bulk-import/src/testing/repo-paths.ts). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');

/** The demo slice of the Online Retail dataset (its first 40 lines) shipped in the repository. */
export const ONLINE_RETAIL_SAMPLE = resolve(
  REPO_ROOT,
  'tools',
  'stack',
  'demo-data',
  'online-retail-sample.csv',
);
