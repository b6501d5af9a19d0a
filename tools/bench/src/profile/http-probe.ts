import { Agent, request } from 'node:http';
import { workerMain } from '../worker';
import { runAtRate } from './load';
import { HttpProbeInput } from './protocol';

// Worker process of the profile benchmark: GETs its URLs at a fixed rate, in turns, over
// keep-alive connections and prints the latency of the answers per URL (runAtRate, ./load.ts).
workerMain(HttpProbeInput, async (input) => {
  const agent = new Agent({ keepAlive: true, maxSockets: input.connections });
  try {
    const targets = input.targets.map(
      ({ url, headers }) =>
        () =>
          get(url, headers, agent),
    );
    return await runAtRate(input, targets, input.sliceMs);
  } finally {
    agent.destroy();
  }
});

/** GET `url`; resolves with the body's size on 200, rejects otherwise. */
function get(url: string, headers: Readonly<Record<string, string>>, agent: Agent) {
  return new Promise<number>((resolve, reject) => {
    const outgoing = request(url, { agent, headers, timeout: 10_000 });
    outgoing.once('timeout', () => outgoing.destroy(new Error(`no answer from ${url} in 10 s`)));
    outgoing.once('error', reject);
    outgoing.once('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('error', reject);
      response.once('end', () => {
        const body = Buffer.concat(chunks);
        if (response.statusCode === 200) resolve(body.length);
        else
          reject(new Error(`HTTP ${response.statusCode}: ${body.toString('utf8').slice(0, 300)}`));
      });
    });
    outgoing.end();
  });
}
