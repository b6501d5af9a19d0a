import { ConfigError } from '@meridian/config';
import { runImportCli } from './cli';
import { loadImportConfig, type ImportConfig } from './config';

// The first Ctrl-C stops the import cleanly (the checkpoint keeps what was acknowledged); the
// handler is installed once, so a second Ctrl-C kills the process the usual way.
const interrupt = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => interrupt.abort(new Error(`interrupted by ${signal}`)));
}

async function main(): Promise<number> {
  let config: ImportConfig;
  try {
    config = loadImportConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 2;
  }
  return runImportCli(process.argv.slice(2), {
    config,
    signal: interrupt.signal,
    io: {
      out: (line) => console.log(line),
      err: (line) => console.error(line),
      progress: process.stderr,
    },
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('import crashed:', error);
    process.exitCode = 1;
  },
);
