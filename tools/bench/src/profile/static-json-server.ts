import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadConfig } from '@meridian/config';
import { z } from 'zod';

// The profile benchmark's HTTP baseline, a process of its own: a bare node:http server
// answering every GET with the same JSON bytes identity answers for the hot profile (read
// from BENCH_STATIC_BODY_FILE), and /health/ready with 200 so startService sees it ready.
// What identity's latency costs above this is Nest, authentication, the cache and JSON.

const env = loadConfig(
  z.object({
    BENCH_STATIC_PORT: z.coerce.number().int().min(1).max(65_535),
    BENCH_STATIC_BODY_FILE: z.string().min(1),
  }),
);
const body = readFileSync(env.BENCH_STATIC_BODY_FILE);
const headers = { 'content-type': 'application/json; charset=utf-8' };

createServer((request, response) => {
  if (request.url === '/health/ready') {
    response.writeHead(200, headers).end('{"status":"ok"}');
    return;
  }
  response.writeHead(200, { ...headers, 'content-length': String(body.length) }).end(body);
}).listen(env.BENCH_STATIC_PORT, '127.0.0.1');
