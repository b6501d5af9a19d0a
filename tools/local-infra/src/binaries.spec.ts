import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureGoProgram,
  findOnPath,
  isStale,
  resolveDb,
  resolveNats,
  type Toolchain,
} from './binaries';

describe('isStale', () => {
  it('rebuilds a missing binary', () => {
    expect(isStale(undefined, [1000])).toBe(true);
  });

  it('rebuilds when any source is newer than the binary', () => {
    expect(isStale(2000, [1000, 3000, undefined])).toBe(true);
  });

  it('keeps a binary newer than all its sources, ignoring missing sources', () => {
    expect(isStale(2000, [1000, undefined, 2000])).toBe(false);
  });
});

/** A fake repository root with tools/<program>/main.go and a bin dir for fake executables. */
function fakeRepo() {
  const root = mkdtempSync(join(tmpdir(), 'local-infra-bin-'));
  const bin = join(root, 'fake-bin');
  mkdirSync(bin);
  for (const program of ['nats-server', 'ferretdb']) {
    mkdirSync(join(root, 'tools', program), { recursive: true });
    writeFileSync(join(root, 'tools', program, 'main.go'), 'package main\n');
    writeFileSync(join(root, 'tools', program, 'go.mod'), 'module x\n');
  }
  const executable = (name: string, script: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${script}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  const lines: string[] = [];
  const tools: Toolchain = { root, pathList: bin, log: (line) => lines.push(line) };
  return { root, bin, executable, tools, lines };
}

/** A fake `go` that records its calls and "builds" by writing the -o file. */
const FAKE_GO =
  'echo "$PWD $*" >> "$(dirname "$0")/go-calls"; mkdir -p "$(dirname "$3")"; echo built > "$3"';

describe('ensureGoProgram', () => {
  let repo: ReturnType<typeof fakeRepo>;
  beforeEach(() => {
    repo = fakeRepo();
  });
  afterEach(() => rmSync(repo.root, { recursive: true, force: true }));

  it('builds a missing binary into .cache/bin from tools/<program>', async () => {
    repo.executable('go', FAKE_GO);
    const binary = await ensureGoProgram('nats-server', repo.tools);
    expect(binary).toEqual({ path: join(repo.root, '.cache/bin/nats-server'), origin: 'built' });
    expect(readFileSync(join(repo.bin, 'go-calls'), 'utf8')).toContain(
      `${join(repo.root, 'tools/nats-server')} build -o`,
    );
  });

  it('reuses a binary newer than its sources, and rebuilds once main.go changes', async () => {
    repo.executable('go', FAKE_GO);
    await ensureGoProgram('ferretdb', repo.tools);
    const binary = join(repo.root, '.cache/bin/ferretdb');
    utimesSync(binary, new Date(), new Date(Date.now() + 60_000));
    expect(await ensureGoProgram('ferretdb', repo.tools)).toMatchObject({ origin: 'cached' });

    const later = new Date(Date.now() + 120_000);
    utimesSync(join(repo.root, 'tools/ferretdb/main.go'), later, later);
    expect(await ensureGoProgram('ferretdb', repo.tools)).toMatchObject({ origin: 'built' });
  });

  it('reports a failing go build', async () => {
    repo.executable('go', 'exit 3');
    await expect(ensureGoProgram('nats-server', repo.tools)).rejects.toThrow(/go build .* failed/);
  });

  it('falls back to nats-server on PATH only when Go is absent', async () => {
    repo.executable('nats-server', 'exit 0');
    expect(await resolveNats(repo.tools)).toEqual({
      path: join(repo.bin, 'nats-server'),
      origin: 'path',
    });
    repo.executable('go', FAKE_GO);
    expect(await resolveNats(repo.tools)).toMatchObject({ origin: 'built' });
  });

  it('prefers a mongod on PATH over building FerretDB', async () => {
    repo.executable('go', FAKE_GO);
    repo.executable('mongod', 'exit 0');
    expect(await resolveDb(repo.tools)).toEqual({
      kind: 'mongod',
      path: join(repo.bin, 'mongod'),
      origin: 'path',
    });
  });

  it('says what to install when there is neither Go nor a server', async () => {
    await expect(resolveDb(repo.tools)).rejects.toThrow(/install Go .* or put mongod on PATH/);
    await expect(resolveNats(repo.tools)).rejects.toThrow(/nats-server on PATH/);
  });
});

describe('findOnPath', () => {
  it('finds executables only, in PATH order', () => {
    const repo = fakeRepo();
    try {
      writeFileSync(join(repo.bin, 'plain'), 'not executable');
      repo.executable('tool', 'exit 0');
      expect(findOnPath('plain', repo.bin)).toBeUndefined();
      expect(findOnPath('tool', `/nonexistent:${repo.bin}`)).toBe(join(repo.bin, 'tool'));
    } finally {
      rmSync(repo.root, { recursive: true, force: true });
    }
  });
});
