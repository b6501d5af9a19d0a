import { workerMain } from '../worker-main';
import { KeepAliveGetClient } from './keep-alive-client';
import { runAtRate } from './load';
import { HttpProbeInput } from './protocol';

// Worker process of the profile benchmark: GETs each of its URLs at a fixed rate, taking turns
// request by request, over keep-alive connections and prints the latency of the answers per URL
// (runAtRate, ./load.ts).
workerMain(HttpProbeInput, async (input) => {
  const clients = input.targets.map(
    ({ url, headers }) => new KeepAliveGetClient(new URL(url), headers, input.connections),
  );
  try {
    return await runAtRate(input, clients);
  } finally {
    for (const client of clients) client.close();
  }
});
