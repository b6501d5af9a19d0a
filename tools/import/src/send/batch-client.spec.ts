import type { ImportCall } from '@meridian/bulk-import';
import { BatchClient, BatchFailedError, type BatchClientOptions } from './batch-client';

const calls: ImportCall[] = [
  { type: 'track', messageId: 'import:t:1', userId: 'u1', event: 'E', properties: {} },
  { type: 'track', messageId: 'import:t:2', anonymousId: 'a2', event: 'E', properties: {} },
];

type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | Error;

/** A fetch that answers from a script and records what it was sent. */
function scriptedFetch(...replies: Reply[]) {
  const requests: { url: string; init: RequestInit }[] = [];
  const fetchFn = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    requests.push({ url: String(url), init: init ?? {} });
    const reply = replies.shift() ?? { status: 200, body: { success: true } };
    if (reply instanceof Error) throw reply;
    return new Response(JSON.stringify(reply.body ?? {}), {
      status: reply.status,
      headers: reply.headers,
    });
  };
  return { fetchFn: fetchFn as typeof fetch, requests };
}

function client(fetchFn: typeof fetch, overrides: Partial<BatchClientOptions> = {}) {
  const sleeps: number[] = [];
  const batchClient = new BatchClient({
    url: 'http://ingestion.test/',
    writeKey: 'wk',
    maxAttempts: 5,
    fetch: fetchFn,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  });
  return { batchClient, sleeps };
}

const signal = new AbortController().signal;

describe('BatchClient', () => {
  it('POSTs { batch } without sentAt to /v1/batch with the write key as Basic auth user, so historical timestamps stay exact', async () => {
    const { fetchFn, requests } = scriptedFetch({ status: 200, body: { success: true } });
    const result = await client(fetchFn).batchClient.send(calls, signal);
    expect(result).toEqual({ refused: [], attempts: 1 });
    const [request] = requests;
    expect(request?.url).toBe('http://ingestion.test/v1/batch');
    expect(request?.init.method).toBe('POST');
    expect(request?.init.headers).toMatchObject({
      authorization: `Basic ${Buffer.from('wk:').toString('base64')}`,
      'content-type': 'application/json',
    });
    const body = JSON.parse(String(request?.init.body));
    expect(body.batch).toEqual(calls);
    expect(body.sentAt).toBeUndefined();
  });

  it('returns the calls a 200 answer lists as refused, with their codes', async () => {
    const refused = [{ index: 1, code: 'MISSING_IDENTITY', message: 'no id' }];
    const { fetchFn } = scriptedFetch({ status: 200, body: { success: true, refused } });
    expect((await client(fetchFn).batchClient.send(calls, signal)).refused).toEqual(refused);
  });

  it('waits as long as Retry-After says on 429, then sends the same batch again', async () => {
    const { fetchFn, requests } = scriptedFetch(
      { status: 429, headers: { 'retry-after': '3' } },
      { status: 200, body: { success: true } },
    );
    const { batchClient, sleeps } = client(fetchFn);
    expect(await batchClient.send(calls, signal)).toEqual({ refused: [], attempts: 2 });
    expect(sleeps).toEqual([3000]);
    expect(requests.map((r) => JSON.parse(String(r.init.body)).batch)).toEqual([calls, calls]);
  });

  it('backs off exponentially on 503 without Retry-After and on network errors', async () => {
    const { fetchFn } = scriptedFetch(
      { status: 503 },
      new TypeError('fetch failed'),
      { status: 503 },
      { status: 200, body: { success: true } },
    );
    const { batchClient, sleeps } = client(fetchFn);
    expect((await batchClient.send(calls, signal)).attempts).toBe(4);
    // Equal jitter with random() = 0.5: three quarters of 250, 500, 1000 ms.
    expect(sleeps).toEqual([188, 375, 750]);
  });

  it('never retries a 400: the import stops with the code ingestion gave', async () => {
    const { fetchFn, requests } = scriptedFetch({
      status: 400,
      body: { success: false, code: 'INVALID_JSON', message: 'bad' },
    });
    const sending = client(fetchFn).batchClient.send(calls, signal);
    await expect(sending).rejects.toBeInstanceOf(BatchFailedError);
    await expect(sending).rejects.toMatchObject({ status: 400, code: 'INVALID_JSON' });
    expect(requests).toHaveLength(1);
  });

  it('gives up after the last attempt, saying why', async () => {
    const { fetchFn, requests } = scriptedFetch({ status: 503 }, { status: 503 }, { status: 503 });
    const sending = client(fetchFn, { maxAttempts: 3 }).batchClient.send(calls, signal);
    await expect(sending).rejects.toThrow('still failing after 3 attempt(s): HTTP 503');
    expect(requests).toHaveLength(3);
  });

  it('refuses a 200 whose body breaks the contract rather than guess what was accepted', async () => {
    const { fetchFn } = scriptedFetch({ status: 200, body: { ok: 1 } });
    await expect(client(fetchFn).batchClient.send(calls, signal)).rejects.toThrow(
      'not { success: true, refused? }',
    );
  });

  it('stops at once when aborted, without retrying', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    const fetchFn = (async () => {
      controller.abort(reason);
      throw new DOMException('aborted', 'AbortError');
    }) as typeof fetch;
    await expect(client(fetchFn).batchClient.send(calls, controller.signal)).rejects.toBe(reason);
  });
});
