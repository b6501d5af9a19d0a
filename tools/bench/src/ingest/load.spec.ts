import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateLoad, MAX_FAILURES, refusedCalls, type LoadOptions } from './load';

interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly events: Record<string, unknown>[];
  readonly bytes: number;
}

const defaultAnswer = (status: number) =>
  status === 200 ? '{"success":true}' : '{"error":"nope"}';

/** A stand-in for POST /v1/batch that records what arrives and answers with `status`. */
async function fakeBatchEndpoint(status: number, answer = defaultAnswer(status)) {
  const received: Received[] = [];
  const sockets = new Set<unknown>();
  const server: Server = createServer((req, res) => {
    sockets.add(req.socket);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const parsed = JSON.parse(body.toString('utf8')) as { batch: Record<string, unknown>[] };
      received.push({
        path: req.url ?? '',
        headers: req.headers,
        events: parsed.batch,
        bytes: body.length,
      });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/batch`,
    received,
    sockets,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const baseOptions = {
  writeKey: 'bench-key',
  connections: 3,
  eventsPerRequest: 10,
  eventBytes: 1024,
  warmupMs: 0,
  durationMs: 250,
  runId: 'specrun',
} satisfies Omit<LoadOptions, 'urls'>;

/** Runs the generator against a fresh fake endpoint and closes it afterwards. */
async function loadAgainst(
  status: number,
  overrides: Partial<LoadOptions> = {},
  answer = defaultAnswer(status),
) {
  const endpoint = await fakeBatchEndpoint(status, answer);
  try {
    const result = await generateLoad({ ...baseOptions, urls: [endpoint.url], ...overrides });
    return { result, received: endpoint.received, sockets: endpoint.sockets };
  } finally {
    await endpoint.close();
  }
}

describe('generateLoad against a fake batch endpoint', () => {
  it('posts batches of the requested size with the write key as Basic user name', async () => {
    const { received } = await loadAgainst(200);

    expect(received.length).toBeGreaterThan(0);
    for (const request of received) {
      expect(request.path).toBe('/v1/batch');
      expect(request.headers.authorization).toBe(
        `Basic ${Buffer.from('bench-key:').toString('base64')}`,
      );
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.events).toHaveLength(10);
      expect(request.bytes).toBe(10 * 1024 + 9 + '{"batch":[]}'.length);
    }
  });

  it('never repeats a message id, across connections and requests', async () => {
    const { received } = await loadAgainst(200);

    const ids = received.flatMap((request) => request.events.map((event) => event['messageId']));
    expect(ids.length).toBeGreaterThan(10);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('reuses keep-alive sockets: at most one per connection', async () => {
    const { received, sockets } = await loadAgainst(200);

    expect(received.length).toBeGreaterThan(3);
    expect(sockets.size).toBeLessThanOrEqual(3);
  });

  it('reports answered requests, their events and a latency per measured request', async () => {
    const { result, received } = await loadAgainst(200);

    expect(result.failures).toBe(0);
    expect(result.requests).toBeGreaterThan(0);
    expect(result.requests).toBeLessThanOrEqual(received.length);
    expect(result.events).toBe(result.requests * 10);
    expect(result.statuses['200']).toBe(received.length);
    expect(result.latencyMs?.count).toBe(result.requests);
    expect(result.eventsPerSecond).toBe((result.events * 1000) / 250);
  });

  it('counts refused batches as failures, not events, and stops after MAX_FAILURES', async () => {
    const { result } = await loadAgainst(503, { durationMs: 60_000 });

    expect(result.requests).toBe(0);
    expect(result.events).toBe(0);
    expect(result.latencyMs).toBeNull();
    // The connections' requests already in flight when the cap is reached still count.
    expect(result.failures).toBeGreaterThanOrEqual(MAX_FAILURES);
    expect(result.failures).toBeLessThan(MAX_FAILURES + baseOptions.connections);
    expect(result.statuses['503']).toBe(result.failures);
    expect(result.firstFailure).toBe('HTTP 503: {"error":"nope"}');
  });

  it('counts a 200 that lists refused calls as a failed request', async () => {
    const partial = '{"success":true,"refused":[{"index":3,"code":"MISSING_EVENT","message":"x"}]}';
    const { result } = await loadAgainst(200, { durationMs: 60_000 }, partial);

    expect(result.requests).toBe(0);
    expect(result.failures).toBeGreaterThanOrEqual(MAX_FAILURES);
    expect(result.firstFailure).toMatch(/^1 of 10 calls refused: .*MISSING_EVENT/);
  });

  it('spreads its connections over every instance it is given', async () => {
    const first = await fakeBatchEndpoint(200);
    const second = await fakeBatchEndpoint(200);
    try {
      const result = await generateLoad({ ...baseOptions, urls: [first.url, second.url] });

      expect(result.failures).toBe(0);
      expect(first.received.length).toBeGreaterThan(0);
      expect(second.received.length).toBeGreaterThan(0);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('reports a refused connection as a failure', async () => {
    const endpoint = await fakeBatchEndpoint(200);
    await endpoint.close();

    const result = await generateLoad({ ...baseOptions, urls: [endpoint.url], durationMs: 60_000 });

    expect(result.requests).toBe(0);
    expect(result.failures).toBeGreaterThanOrEqual(MAX_FAILURES);
    expect(result.firstFailure).toMatch(/ECONNREFUSED/);
  });
});

describe('refusedCalls', () => {
  it('counts the refused entries of a batch answer', () => {
    expect(refusedCalls('{"success":true,"refused":[{"index":0},{"index":4}]}')).toBe(2);
  });

  it('is 0 for a full acceptance, an answer without a list, and a body that is not JSON', () => {
    expect(refusedCalls('{"success":true}')).toBe(0);
    expect(refusedCalls('{"refused":"none"}')).toBe(0);
    expect(refusedCalls('OK')).toBe(0);
  });
});
