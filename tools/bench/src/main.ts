import { benchmarks } from './benchmarks';
import { runBenchCli } from './cli';

// `npm run bench -- <benchmark> [options]`: the dispatcher only; benchmarks live in
// their own folders and are listed in ./benchmarks.ts.
runBenchCli(process.argv.slice(2), benchmarks, {
  out: (line) => console.log(line),
  progress: (line) => console.error(line),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('benchmark failed:', error);
    process.exitCode = 1;
  },
);
