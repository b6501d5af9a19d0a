import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { DbKind } from './profiles';

/** The Go programs under tools/ that local-infra builds into .cache/bin. */
export const GO_PROGRAMS = ['nats-server', 'ferretdb'] as const;
export type GoProgram = (typeof GO_PROGRAMS)[number];

/** Files whose change means the binary must be rebuilt. */
export const GO_SOURCES = ['main.go', 'go.mod', 'go.sum'] as const;

/**
 * A binary is stale when it is missing or older than any of its sources. Missing sources
 * (e.g. no go.sum yet) do not count: `go build` reports those itself.
 */
export function isStale(
  binaryMtimeMs: number | undefined,
  sourceMtimesMs: readonly (number | undefined)[],
): boolean {
  if (binaryMtimeMs === undefined) return true;
  return sourceMtimesMs.some((mtime) => mtime !== undefined && mtime > binaryMtimeMs);
}

function mtimeMs(path: string): number | undefined {
  return statSync(path, { throwIfNoEntry: false })?.mtimeMs;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    // Not there or not executable: exactly what the caller asks about.
    return false;
  }
}

/** Like `command -v`: the first executable called `name` on the given PATH. */
export function findOnPath(name: string, pathList: string): string | undefined {
  return pathList
    .split(delimiter)
    .filter((dir) => dir.length > 0)
    .map((dir) => join(dir, name))
    .find(isExecutable);
}

export interface Toolchain {
  readonly root: string;
  /** The PATH to look up go, mongod and nats-server on. */
  readonly pathList: string;
  readonly log: (line: string) => void;
}

export interface ResolvedBinary {
  readonly path: string;
  readonly origin: 'built' | 'cached' | 'path';
}

export function binaryPath(root: string, program: GoProgram): string {
  return join(root, '.cache', 'bin', program);
}

function runGoBuild(goPath: string, sourceDir: string, output: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // stdout/stderr go to our stderr, so `up` output stays a clean report.
    const child = spawn(goPath, ['build', '-o', output, '.'], {
      cwd: sourceDir,
      stdio: ['ignore', process.stderr, process.stderr],
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`go build in ${sourceDir} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

/**
 * The binary of a Go program: rebuilt when Go is present and the binary is missing or stale,
 * else the one already in .cache/bin; undefined when there is neither Go nor a binary.
 */
export async function ensureGoProgram(
  program: GoProgram,
  tools: Toolchain,
): Promise<ResolvedBinary | undefined> {
  const output = binaryPath(tools.root, program);
  const sourceDir = join(tools.root, 'tools', program);
  const goPath = findOnPath('go', tools.pathList);
  if (goPath === undefined) {
    return isExecutable(output) ? { path: output, origin: 'cached' } : undefined;
  }
  const sources = GO_SOURCES.map((file) => mtimeMs(join(sourceDir, file)));
  if (!isStale(mtimeMs(output), sources)) return { path: output, origin: 'cached' };
  tools.log(`local-infra: building ${program} with ${goPath} (the first build can take minutes)`);
  await runGoBuild(goPath, sourceDir, output);
  return { path: output, origin: 'built' };
}

/** NATS: our own build; a nats-server on PATH only when Go is absent. */
export async function resolveNats(tools: Toolchain): Promise<ResolvedBinary> {
  const own = await ensureGoProgram('nats-server', tools);
  if (own) return own;
  const onPath = findOnPath('nats-server', tools.pathList);
  if (onPath) return { path: onPath, origin: 'path' };
  throw new Error(
    'no nats-server: install Go (to build tools/nats-server) or put nats-server on PATH',
  );
}

/** Database: a mongod on PATH when there is one, else our FerretDB build. */
export async function resolveDb(
  tools: Toolchain,
): Promise<ResolvedBinary & { readonly kind: DbKind }> {
  const mongod = findOnPath('mongod', tools.pathList);
  if (mongod) return { kind: 'mongod', path: mongod, origin: 'path' };
  const ferretdb = await ensureGoProgram('ferretdb', tools);
  if (ferretdb) return { kind: 'ferretdb', ...ferretdb };
  throw new Error('no database server: install Go (to build tools/ferretdb) or put mongod on PATH');
}
