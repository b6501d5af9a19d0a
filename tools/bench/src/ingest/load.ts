import { Agent, request } from 'node:http';
import { summariseLatencies, ratePerSecond, type LatencySummary } from '../stats';
import { BatchBody, buildEventTemplate } from './payload';

export interface LoadOptions {
  /**
   * The batch endpoints, e.g. http://127.0.0.1:8080/v1/batch, one per ingestion instance:
   * connection i posts to urls[i % urls.length], as a load balancer spreading connections would.
   */
  readonly urls: readonly string[];
  /** Sent as HTTP Basic user name with an empty password, as Segment SDKs do. */
  readonly writeKey: string;
  readonly connections: number;
  readonly eventsPerRequest: number;
  readonly eventBytes: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly runId: string;
  /** A request that takes longer fails the run. Default 30 s. */
  readonly requestTimeoutMs?: number;
}

export interface LoadResult {
  /**
   * Requests answered 2xx with every call accepted, whose response completed inside the
   * measured window.
   */
  readonly requests: number;
  readonly events: number;
  /** Requests sent over the whole run, warm-up included. */
  readonly attempts: number;
  /**
   * Requests answered non-2xx, or 200 with refused calls, or not at all, over the whole run
   * (warm-up included); the run stops early at MAX_FAILURES.
   */
  readonly failures: number;
  readonly statuses: Readonly<Record<string, number>>;
  readonly firstFailure: string | null;
  readonly measuredMs: number;
  readonly eventsPerSecond: number;
  readonly requestsPerSecond: number;
  /** Of the measured requests; null when none completed. */
  readonly latencyMs: LatencySummary | null;
}

/** After this many failed requests the run stops: its numbers would not mean anything. */
export const MAX_FAILURES = 100;

interface Answer {
  readonly status: number;
  readonly body: string;
}

/**
 * Keeps `connections` batch requests in flight over keep-alive sockets for warm-up +
 * duration. Each connection sends its next batch when the previous one is answered (closed
 * loop), so latency is the service's, not a queue in this process. Requests are counted,
 * and their latency recorded, when their response completes inside the measured window.
 */
export async function generateLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const template = buildEventTemplate({
    runId: options.runId,
    eventBytes: options.eventBytes,
    timestamp: new Date().toISOString(),
  });
  const headers = {
    'content-type': 'application/json',
    authorization: `Basic ${Buffer.from(`${options.writeKey}:`).toString('base64')}`,
  };
  const measureFrom = performance.now() + options.warmupMs;
  const measureUntil = measureFrom + options.durationMs;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let nextSequence = 0;
  let requests = 0;
  let attempts = 0;
  let failures = 0;
  let firstFailure: string | null = null;

  const fail = (description: string) => {
    failures += 1;
    firstFailure ??= description;
  };

  const connection = async (_: unknown, index: number) => {
    const url = options.urls[index % options.urls.length];
    if (url === undefined) throw new RangeError('the load generator needs at least one url');
    const body = new BatchBody(template, options.eventsPerRequest);
    while (failures < MAX_FAILURES && performance.now() < measureUntil) {
      body.stamp(nextSequence);
      nextSequence += options.eventsPerRequest;
      attempts += 1;
      const started = performance.now();
      let answer: Answer;
      try {
        answer = await post(url, body.bytes, headers, agent, options.requestTimeoutMs);
      } catch (error) {
        fail(error instanceof Error ? error.message : String(error));
        continue;
      }
      const finished = performance.now();
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      if (answer.status < 200 || answer.status >= 300) {
        fail(`HTTP ${answer.status}: ${answer.body.slice(0, 300)}`);
        continue;
      }
      const refused = refusedCalls(answer.body);
      if (refused > 0) {
        fail(
          `${refused} of ${options.eventsPerRequest} calls refused: ${answer.body.slice(0, 300)}`,
        );
        continue;
      }
      if (finished >= measureFrom && finished < measureUntil) {
        requests += 1;
        latencies.push(finished - started);
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: options.connections }, connection));
  } finally {
    agent.destroy();
  }
  return {
    requests,
    events: requests * options.eventsPerRequest,
    attempts,
    failures,
    statuses,
    firstFailure,
    measuredMs: options.durationMs,
    eventsPerSecond: ratePerSecond(requests * options.eventsPerRequest, options.durationMs),
    requestsPerSecond: ratePerSecond(requests, options.durationMs),
    latencyMs: summariseLatencies(latencies),
  };
}

function post(
  url: string,
  body: Buffer,
  headers: Readonly<Record<string, string>>,
  agent: Agent,
  timeoutMs = 30_000,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, {
      method: 'POST',
      agent,
      headers: { ...headers, 'content-length': String(body.length) },
      timeout: timeoutMs,
    });
    outgoing.once('timeout', () =>
      outgoing.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)),
    );
    outgoing.once('error', reject);
    outgoing.once('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('error', reject);
      response.once('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    outgoing.end(body);
  });
}

/**
 * How many calls a 200 batch answer lists as refused (`{ success, refused: [...] }`); a
 * refused call is not ingested, so its request does not count as a success.
 */
export function refusedCalls(answerBody: string): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(answerBody);
  } catch {
    // Not JSON: nothing is listed as refused; the status already said it was accepted.
    return 0;
  }
  if (typeof parsed !== 'object' || parsed === null || !('refused' in parsed)) return 0;
  return Array.isArray(parsed.refused) ? parsed.refused.length : 0;
}
