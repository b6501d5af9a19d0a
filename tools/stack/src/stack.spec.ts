import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { missingPieces } from './stack';

describe('missingPieces', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'stack-pieces-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const create = (path: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), '');
  };

  it('names every entry point stack up needs that does not exist, with its role', () => {
    create('apps/ingestion/src/main.ts');
    expect(missingPieces(root)).toEqual([
      'tools/cli/src/main.ts (tools/cli: provision, seed-workspace)',
      'apps/identity/src/main.ts (the identity service)',
      'apps/scoring/src/main.ts (the scoring service)',
      'apps/orchestration/src/main.ts (the orchestration service)',
      'apps/sender-email/src/main.ts (the sender-email service)',
    ]);
  });

  it('finds nothing missing once the CLI and every service exist', () => {
    for (const name of ['ingestion', 'identity', 'scoring', 'orchestration', 'sender-email']) {
      create(`apps/${name}/src/main.ts`);
    }
    create('tools/cli/src/main.ts');
    expect(missingPieces(root)).toEqual([]);
  });
});
