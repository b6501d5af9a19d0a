import { resolve } from 'node:path';

/** The repository root (this file is tools/import/src/paths.ts). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** Where checkpoints and rejects go unless IMPORT_DATA_DIR says otherwise (git-ignored). */
export const DEFAULT_DATA_DIR = resolve(REPO_ROOT, '.data', 'import');

/** The demo slice of the Online Retail dataset (its first 40 lines) shipped in the repository. */
export const ONLINE_RETAIL_SAMPLE = resolve(
  REPO_ROOT,
  'tools',
  'stack',
  'demo-data',
  'online-retail-sample.csv',
);
