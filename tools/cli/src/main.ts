import { runCli } from './cli';
import { commands } from './commands';

// The dispatcher only: each command lives in its own file under ./commands.
runCli(process.argv.slice(2), commands, {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('meridian cli crashed:', error);
    process.exitCode = 1;
  },
);
