import { connect, type Socket } from 'node:net';

/** How long a request may wait for its complete answer. */
const ANSWER_TIMEOUT_MS = 10_000;
/** How often requests are checked against ANSWER_TIMEOUT_MS (one timer for all of them). */
const TIMEOUT_SWEEP_MS = 1_000;
const HEADER_END = Buffer.from('\r\n\r\n');
/** Bytes a socket reads at once, into the same buffer every time. */
const READ_BUFFER_BYTES = 64 * 1024;
/** The longest answer head accepted. */
const HEAD_CAPACITY = 8 * 1024;
/** Characters of a refused answer's body quoted in its error. */
const QUOTED_BODY_CHARS = 300;

/** Where the answer to one request goes. */
export interface AnswerSink {
  /** A 200 answer was read whole; `startedAt` is the request's performance.now() on sending. */
  answered(startedAt: number, bodyBytes: number): void;
  failed(error: Error): void;
}

/**
 * An HTTP/1.1 GET client over raw keep-alive sockets, for latency probes that must measure the
 * server, not themselves. The probe's own pauses show as server latency: node:http's client,
 * and later a promise, closure and timer per request with a new buffer per socket read, made
 * the probe's GC pause it for 1-13 ms several times a run (docs/benchmarks.md). This one
 * allocates next to nothing per request: a request prepared once, each socket reading into its
 * own reused buffer, the request's state in fields of its connection, and one timer for every
 * timeout. One request per socket at a time, at most `maxConnections` sockets; a request with
 * none free waits for the next. Answers must carry Content-Length (chunked bodies are refused).
 */
export class KeepAliveGetClient {
  private readonly request: Buffer;
  private readonly idle: Connection[] = [];
  private readonly open = new Set<Connection>();
  /** Requests waiting for a socket: their start times and sinks, in the same order. */
  private readonly waitingSince: number[] = [];
  private readonly waitingSinks: AnswerSink[] = [];
  private readonly sweep: NodeJS.Timeout;

  constructor(
    private readonly url: URL,
    headers: Readonly<Record<string, string>>,
    private readonly maxConnections: number,
  ) {
    const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
    this.request = Buffer.from(
      `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n${lines.join('')}\r\n`,
      'latin1',
    );
    this.sweep = setInterval(() => this.failOverdue(), TIMEOUT_SWEEP_MS);
    this.sweep.unref();
  }

  /** GETs the URL; a 200 goes to `sink.answered` with the body's size, anything else fails. */
  send(startedAt: number, sink: AnswerSink): void {
    const connection = this.idle.pop() ?? this.connectIfAllowed();
    if (connection !== undefined) return connection.send(this.request, startedAt, sink);
    this.waitingSince.push(startedAt);
    this.waitingSinks.push(sink);
  }

  close(): void {
    clearInterval(this.sweep);
    for (const connection of this.open) connection.destroy();
    this.open.clear();
    this.idle.length = 0;
  }

  private connectIfAllowed(): Connection | undefined {
    if (this.open.size >= this.maxConnections) return undefined;
    const connection = new Connection(this.url, {
      free: (free) => this.reuse(free),
      lost: (lost) => this.forget(lost),
    });
    this.open.add(connection);
    return connection;
  }

  /** Hands a freed socket the longest-waiting request, if any. */
  private sendWaiting(connection: Connection): boolean {
    const startedAt = this.waitingSince.shift();
    const sink = this.waitingSinks.shift();
    if (startedAt === undefined || sink === undefined) return false;
    connection.send(this.request, startedAt, sink);
    return true;
  }

  private reuse(connection: Connection): void {
    if (!this.sendWaiting(connection)) this.idle.push(connection);
  }

  private forget(connection: Connection): void {
    this.open.delete(connection);
    const at = this.idle.indexOf(connection);
    if (at >= 0) this.idle.splice(at, 1);
    // A request that waited for a socket gets a new one, if one may be opened.
    if (this.waitingSince.length === 0) return;
    const replacement = this.connectIfAllowed();
    if (replacement !== undefined) this.sendWaiting(replacement);
  }

  private failOverdue(): void {
    const now = performance.now();
    for (const connection of this.open) connection.failIfSentBefore(now - ANSWER_TIMEOUT_MS);
  }
}

/** One keep-alive socket and the answer it is reading. */
class Connection {
  private readonly socket: Socket;
  private readonly readBuffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
  /** The answer's head, gathered across reads until its blank line. */
  private readonly head = Buffer.allocUnsafe(HEAD_CAPACITY);
  private headBytes = 0;
  /** Body bytes still to come; -1 while the head is incomplete. */
  private bodyLeft = -1;
  private bodyBytes = 0;
  private status = 0;
  private refusedBody = '';
  private startedAt = 0;
  private sentAt = 0;
  private sink: AnswerSink | undefined;
  private lost = false;

  constructor(
    private readonly url: URL,
    private readonly pool: {
      free(connection: Connection): void;
      lost(connection: Connection): void;
    },
  ) {
    this.socket = connect({
      host: url.hostname,
      port: Number(url.port),
      noDelay: true,
      onread: { buffer: this.readBuffer, callback: (bytes: number) => this.read(bytes) },
    });
    this.socket.on('error', (error) => this.fail(error));
    this.socket.on('close', () => this.fail(new Error(`${url.host} closed the connection`)));
  }

  send(request: Buffer, startedAt: number, sink: AnswerSink): void {
    this.sink = sink;
    this.startedAt = startedAt;
    this.sentAt = performance.now();
    this.headBytes = 0;
    this.bodyLeft = -1;
    this.refusedBody = '';
    this.socket.write(request);
  }

  destroy(): void {
    this.socket.destroy();
  }

  failIfSentBefore(deadline: number): void {
    if (this.sink !== undefined && this.sentAt < deadline)
      this.fail(new Error(`no answer in ${ANSWER_TIMEOUT_MS / 1000} s`));
  }

  /** Takes `bytes` just read into readBuffer: head first, then the body, counted. */
  private read(bytes: number): boolean {
    const bodyStart = this.bodyLeft < 0 ? this.readHead(bytes) : 0;
    if (bodyStart < 0) return true;
    const body = bytes - bodyStart;
    if (this.status !== 200 && this.refusedBody.length < QUOTED_BODY_CHARS)
      this.refusedBody += this.readBuffer.toString('utf8', bodyStart, bodyStart + body);
    this.bodyLeft -= body;
    if (this.bodyLeft < 0) this.fail(new Error(`${this.url.host} sent more than Content-Length`));
    else if (this.bodyLeft === 0) this.complete();
    return true;
  }

  /**
   * Adds the read bytes to the head; once it holds the blank line, reads status and
   * Content-Length and answers where the body starts in readBuffer. -1 until then (or failed).
   */
  private readHead(bytes: number): number {
    const before = this.headBytes;
    this.headBytes += this.readBuffer.copy(
      this.head,
      before,
      0,
      Math.min(bytes, HEAD_CAPACITY - before),
    );
    const end = this.head.subarray(0, this.headBytes).indexOf(HEADER_END, Math.max(0, before - 3));
    if (end < 0) {
      if (this.headBytes === HEAD_CAPACITY)
        this.fail(new Error(`an answer head longer than ${HEAD_CAPACITY} bytes`));
      return -1;
    }
    const text = this.head.toString('latin1', 0, end);
    const status = /^HTTP\/1\.1 (\d{3})/.exec(text);
    const length = /\r\ncontent-length: *(\d+)/i.exec(text);
    if (status?.[1] === undefined || length?.[1] === undefined) {
      this.fail(new Error(`answer without status or Content-Length: ${text.slice(0, 300)}`));
      return -1;
    }
    this.status = Number(status[1]);
    this.bodyBytes = Number(length[1]);
    this.bodyLeft = this.bodyBytes;
    return end + HEADER_END.length - before;
  }

  private complete(): void {
    const sink = this.sink;
    this.sink = undefined;
    if (sink === undefined) return this.fail(new Error('an answer came without a request'));
    if (this.status === 200) sink.answered(this.startedAt, this.bodyBytes);
    else sink.failed(new Error(`HTTP ${this.status}: ${this.refusedBody.slice(0, 300)}`));
    this.pool.free(this);
  }

  /** Fails the request in flight and drops the socket: its stream is out of step. */
  private fail(error: Error): void {
    if (this.lost) return;
    this.lost = true;
    const sink = this.sink;
    this.sink = undefined;
    this.socket.destroy();
    sink?.failed(error);
    this.pool.lost(this);
  }
}
