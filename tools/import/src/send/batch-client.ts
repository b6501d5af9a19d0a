import { setTimeout as sleepFor } from 'node:timers/promises';
import type { ImportCall } from '@meridian/bulk-import';
import { z } from 'zod';
import { backoffMs, DEFAULT_BACKOFF, retryAfterMs, type BackoffPolicy } from './retry-delay';

/** One call of a request that ingestion did not take, by its index in the request's batch. */
export interface Refusal {
  readonly index: number;
  readonly code: string;
  readonly message: string;
}

export interface BatchResult {
  readonly refused: readonly Refusal[];
  /** Attempts it took, 1 when the first one was answered. */
  readonly attempts: number;
}

/** What the importer needs from a sender; the HTTP client below, or a fake in specs. */
export interface BatchSender {
  send(calls: readonly ImportCall[], signal: AbortSignal): Promise<BatchResult>;
}

export interface RetryNotice {
  readonly attempt: number;
  readonly delayMs: number;
  /** "429", "503", or the network error's message. */
  readonly reason: string;
}

export interface BatchClientOptions {
  /** Ingestion's base URL; requests go to <url>/v1/batch. */
  readonly url: string;
  readonly writeKey: string;
  /** Attempts per request before the import fails (the checkpoint keeps what was acknowledged). */
  readonly maxAttempts: number;
  readonly backoff?: BackoffPolicy;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
  readonly onRetry?: (notice: RetryNotice) => void;
}

/** A request ingestion refused as a whole (401, 400...) or that kept failing: the import stops. */
export class BatchFailedError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'BatchFailedError';
  }
}

/** 200 `{ success: true, refused?: [{ index, code, message }] }`: the contract of /v1/batch. */
const BatchAccepted = z.object({
  success: z.literal(true),
  refused: z
    .array(
      z.object({
        index: z.number().int().min(0),
        code: z.string().min(1),
        message: z.string().default(''),
      }),
    )
    .default([]),
});

const ErrorBody = z.object({ code: z.string().optional(), message: z.string().optional() });

/** Overloaded or briefly unavailable: worth another try. Everything else 4xx/5xx is final. */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/** POSTs Segment batch requests to ingestion, retrying what may succeed later. */
export class BatchClient implements BatchSender {
  private readonly endpoint: string;
  private readonly authorization: string;

  constructor(private readonly options: BatchClientOptions) {
    this.endpoint = `${options.url.replace(/\/+$/, '')}/v1/batch`;
    this.authorization = `Basic ${Buffer.from(`${options.writeKey}:`).toString('base64')}`;
  }

  async send(calls: readonly ImportCall[], signal: AbortSignal): Promise<BatchResult> {
    const { maxAttempts, backoff = DEFAULT_BACKOFF, random = Math.random } = this.options;
    const now = this.options.now ?? Date.now;
    const sleep = this.options.sleep ?? ((ms, abort) => sleepFor(ms, undefined, { signal: abort }));
    for (let attempt = 1; ; attempt += 1) {
      const answer = await this.attempt(calls, signal);
      if ('refused' in answer) {
        return { refused: answer.refused, attempts: attempt };
      }
      if (attempt >= maxAttempts) {
        throw new BatchFailedError(
          `POST ${this.endpoint} still failing after ${attempt} attempt(s): ${answer.reason}`,
        );
      }
      const delayMs =
        retryAfterMs(answer.retryAfter ?? null, now()) ?? backoffMs(attempt, backoff, random);
      this.options.onRetry?.({ attempt, delayMs, reason: answer.reason });
      await sleep(delayMs, signal);
    }
  }

  /** One POST: the refusals when answered 200, a retry hint when worth retrying, else throws. */
  private async attempt(
    calls: readonly ImportCall[],
    signal: AbortSignal,
  ): Promise<{ refused: Refusal[] } | { reason: string; retryAfter?: string | null }> {
    const fetchFn = this.options.fetch ?? fetch;
    let response: Response;
    try {
      response = await fetchFn(this.endpoint, {
        method: 'POST',
        headers: { authorization: this.authorization, 'content-type': 'application/json' },
        // No sentAt: historical rows carry their own time, and sentAt would make ingestion
        // correct every timestamp by the request latency (timestamp = receivedAt − (sentAt − ts)).
        body: JSON.stringify({ batch: calls }),
        signal,
      });
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      return { reason: `network error: ${describeError(error)}` };
    }
    const text = await response.text();
    if (response.ok) return { refused: parseAccepted(text, response.status) };
    if (RETRYABLE_STATUSES.has(response.status)) {
      return { reason: `HTTP ${response.status}`, retryAfter: response.headers.get('retry-after') };
    }
    const body = ErrorBody.safeParse(parseJson(text));
    const code = body.success ? body.data.code : undefined;
    const message = body.success && body.data.message ? body.data.message : text.slice(0, 200);
    throw new BatchFailedError(
      `POST ${this.endpoint} answered ${response.status}${code ? ` ${code}` : ''}: ${message}`,
      response.status,
      code,
    );
  }
}

function parseAccepted(text: string, status: number): Refusal[] {
  const parsed = BatchAccepted.safeParse(parseJson(text));
  if (!parsed.success) {
    throw new BatchFailedError(
      `ingestion answered ${status} with a body that is not { success: true, refused? }: ${text.slice(0, 200)}`,
      status,
    );
  }
  return parsed.data.refused;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON (a proxy's HTML error page...): the caller reports the raw text instead.
    return undefined;
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
