import { connect, type Socket } from 'node:net';

/** How long a request may wait for its complete answer. */
const ANSWER_TIMEOUT_MS = 10_000;
const HEADER_END = Buffer.from('\r\n\r\n');

interface Pending {
  readonly resolve: (bodyBytes: number) => void;
  readonly reject: (error: Error) => void;
}

/**
 * An HTTP/1.1 GET client over raw keep-alive sockets, for latency probes. node:http's client
 * costs the probe more than a small answer costs the server: its objects, parser and streams
 * per request made the probe's own event loop stall for milliseconds (its GC pauses and
 * bursts), which showed as server latency. This one writes a request prepared once and reads
 * the answer's status and Content-Length from its head, so the probe measures the server.
 * One request per socket at a time, at most `maxConnections` sockets; a request with none
 * free waits for the next. Answers must carry Content-Length (chunked bodies are refused).
 */
export class KeepAliveGetClient {
  private readonly request: Buffer;
  private readonly idle: Connection[] = [];
  private readonly waiting: Pending[] = [];
  private readonly open = new Set<Connection>();

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
  }

  /** GETs the URL; resolves with the body's size on 200, rejects otherwise. */
  get(): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const pending = { resolve, reject };
      const connection = this.idle.pop() ?? this.connectIfAllowed();
      if (connection === undefined) this.waiting.push(pending);
      else connection.send(this.request, pending);
    });
  }

  close(): void {
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

  private reuse(connection: Connection): void {
    const next = this.waiting.shift();
    if (next === undefined) this.idle.push(connection);
    else connection.send(this.request, next);
  }

  private forget(connection: Connection): void {
    this.open.delete(connection);
    const at = this.idle.indexOf(connection);
    if (at >= 0) this.idle.splice(at, 1);
    // A request that waited for a socket gets a new one, if one may be opened.
    const next = this.waiting.shift();
    if (next === undefined) return;
    const replacement = this.connectIfAllowed();
    if (replacement === undefined) this.waiting.unshift(next);
    else replacement.send(this.request, next);
  }
}

/** One keep-alive socket and the answer it is reading. */
class Connection {
  private readonly socket: Socket;
  private pending: Pending | undefined;
  private received: Buffer | undefined;
  /** Bytes of the whole answer (head and body) once its head is read. */
  private answerBytes = -1;
  private bodyBytes = 0;
  private status = 0;
  private timer: NodeJS.Timeout | undefined;
  private lost = false;

  constructor(
    url: URL,
    private readonly pool: {
      free(connection: Connection): void;
      lost(connection: Connection): void;
    },
  ) {
    this.socket = connect({ host: url.hostname, port: Number(url.port), noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.read(chunk));
    this.socket.on('error', (error) => this.fail(error));
    this.socket.on('close', () => this.fail(new Error(`${url.host} closed the connection`)));
  }

  send(request: Buffer, pending: Pending): void {
    this.pending = pending;
    this.received = undefined;
    this.answerBytes = -1;
    this.timer = setTimeout(
      () => this.fail(new Error(`no answer in ${ANSWER_TIMEOUT_MS / 1000} s`)),
      ANSWER_TIMEOUT_MS,
    );
    this.socket.write(request);
  }

  destroy(): void {
    this.socket.destroy();
  }

  private read(chunk: Buffer): void {
    const received = this.received === undefined ? chunk : Buffer.concat([this.received, chunk]);
    this.received = received;
    if (this.answerBytes < 0 && !this.readHead(received)) return;
    if (received.length < this.answerBytes) return;
    const pending = this.pending;
    this.finish();
    if (pending === undefined) return this.fail(new Error('an answer came without a request'));
    if (this.status === 200) pending.resolve(this.bodyBytes);
    else {
      const body = received.toString('utf8', this.answerBytes - this.bodyBytes, this.answerBytes);
      pending.reject(new Error(`HTTP ${this.status}: ${body.slice(0, 300)}`));
    }
    this.pool.free(this);
  }

  /** Reads status and Content-Length once the head is complete; false until then. */
  private readHead(received: Buffer): boolean {
    const end = received.indexOf(HEADER_END);
    if (end < 0) return false;
    const head = received.toString('latin1', 0, end);
    const status = /^HTTP\/1\.1 (\d{3})/.exec(head);
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (status?.[1] === undefined || length?.[1] === undefined) {
      this.fail(new Error(`answer without status or Content-Length: ${head.slice(0, 300)}`));
      return false;
    }
    this.status = Number(status[1]);
    this.bodyBytes = Number(length[1]);
    this.answerBytes = end + HEADER_END.length + this.bodyBytes;
    return true;
  }

  private finish(): void {
    clearTimeout(this.timer);
    this.pending = undefined;
    this.received = undefined;
  }

  /** Rejects the request in flight and drops the socket: its stream is out of step. */
  private fail(error: Error): void {
    if (this.lost) return;
    this.lost = true;
    const pending = this.pending;
    this.finish();
    this.socket.destroy();
    pending?.reject(error);
    this.pool.lost(this);
  }
}
