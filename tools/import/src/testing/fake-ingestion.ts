import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/** What a spec can make the fake answer instead of 200 `{ success: true }`. */
export interface FakeAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** What the fake remembers of each request (not the calls: a whole dataset goes through it). */
export interface RequestRecord {
  /** 1-based, in arrival order. */
  readonly number: number;
  readonly authorization: string | undefined;
  readonly sentAt: unknown;
  readonly messageIds: readonly string[];
}

export interface ReceivedRequest extends RequestRecord {
  readonly calls: readonly Record<string, unknown>[];
}

export interface FakeIngestionOptions {
  /** Answer a request differently (429, 503...); undefined accepts it. */
  readonly answer?: (request: ReceivedRequest) => FakeAnswer | undefined;
  /** Refuse single calls of an accepted request: `{ code, message }` or undefined. */
  readonly refuse?: (
    call: Record<string, unknown>,
  ) => { code: string; message: string } | undefined;
  /** Called for every request before it is answered (e.g. to kill the importer). */
  readonly onRequest?: (request: ReceivedRequest) => void;
  /** Keep every accepted call (small files only). */
  readonly keepCalls?: boolean;
}

const BatchBody = z.object({
  batch: z.array(z.record(z.string(), z.unknown())),
  sentAt: z.unknown().optional(),
});

/**
 * A stand-in for ingestion's POST /v1/batch, following its contract: 200 `{ success: true,
 * refused?: [{ index, code, message }] }`. Records how often each messageId was accepted.
 */
export class FakeIngestion {
  readonly requests: RequestRecord[] = [];
  /** messageId → times accepted. */
  readonly accepted = new Map<string, number>();
  readonly acceptedCalls: Record<string, unknown>[] = [];
  private readonly server: Server;

  constructor(private readonly options: FakeIngestionOptions = {}) {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        response.statusCode = 500;
        response.end(JSON.stringify({ success: false, message: String(error) }));
      });
    });
  }

  /** Listens on 127.0.0.1 (a free port unless one is given); returns the base URL. */
  async start(port = 0): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    const address = this.server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP address');
    return `http://127.0.0.1:${(address satisfies AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  /** Distinct messageIds accepted at least once. */
  get acceptedIds(): Set<string> {
    return new Set(this.accepted.keys());
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request)
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    if (request.method !== 'POST' || request.url !== '/v1/batch') {
      return send(response, { status: 404, body: { success: false, code: 'NOT_FOUND' } });
    }
    const body = BatchBody.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    if (!body.success) {
      return send(response, { status: 400, body: { success: false, code: 'INVALID_JSON' } });
    }
    const record: RequestRecord = {
      number: this.requests.length + 1,
      authorization: request.headers.authorization,
      sentAt: body.data.sentAt,
      messageIds: body.data.batch.map((call) => String(call['messageId'])),
    };
    this.requests.push(record);
    const received: ReceivedRequest = { ...record, calls: body.data.batch };
    this.options.onRequest?.(received);
    const answer = this.options.answer?.(received);
    if (answer) return send(response, answer);
    const refused: { index: number; code: string; message: string }[] = [];
    received.calls.forEach((call, index) => {
      const refusal = this.options.refuse?.(call);
      if (refusal) {
        refused.push({ index, ...refusal });
        return;
      }
      const id = String(call['messageId']);
      this.accepted.set(id, (this.accepted.get(id) ?? 0) + 1);
      if (this.options.keepCalls) this.acceptedCalls.push(call);
    });
    send(response, {
      status: 200,
      body: { success: true, ...(refused.length ? { refused } : {}) },
    });
  }
}

function send(response: ServerResponse, answer: FakeAnswer): void {
  response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
  response.end(JSON.stringify(answer.body ?? {}));
}
