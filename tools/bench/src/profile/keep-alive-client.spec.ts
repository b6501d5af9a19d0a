import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { KeepAliveGetClient } from './keep-alive-client';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

async function serve(handler: Handler): Promise<{ server: Server; url: URL; sockets: number }> {
  const state = { sockets: 0 };
  const server = createServer(handler);
  server.on('connection', () => {
    state.sockets += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: new URL(`http://127.0.0.1:${port}/v1/profiles/p1?x=1`),
    get sockets() {
      return state.sockets;
    },
  };
}

/** One GET through the client: the body's size on 200, the failure otherwise. */
function get(client: KeepAliveGetClient | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    if (client === undefined) return reject(new Error('no client'));
    client.send(performance.now(), {
      answered: (_startedAt, bodyBytes) => resolve(bodyBytes),
      failed: reject,
    });
  });
}

/** A TCP server that answers each request's bytes with `answer(socket)`; for byte-level answers. */
async function serveRaw(answer: (socket: Socket) => void) {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => answer(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
  return { close, url: new URL(`http://127.0.0.1:${port}/raw`) };
}

describe('KeepAliveGetClient', () => {
  let running: Awaited<ReturnType<typeof serve>> | undefined;
  let client: KeepAliveGetClient | undefined;

  afterEach(async () => {
    client?.close();
    client = undefined;
    const server = running?.server;
    running = undefined;
    server?.closeAllConnections();
    if (server !== undefined) await new Promise((resolve) => server.close(resolve));
  });

  it('answers the body size of 200s and reuses one socket for requests one after another', async () => {
    const seen: string[] = [];
    running = await serve((request, response) => {
      seen.push(`${request.url} ${request.headers.authorization}`);
      response.end(JSON.stringify({ profileId: 'p1' }));
    });
    client = new KeepAliveGetClient(running.url, { authorization: 'Bearer k' }, 4);

    const sizes = [await get(client), await get(client), await get(client)];

    expect(sizes).toEqual([18, 18, 18]);
    expect(seen).toEqual(Array(3).fill('/v1/profiles/p1?x=1 Bearer k'));
    expect(running.sockets).toBe(1);
  });

  it('rejects other statuses with the status and the body', async () => {
    running = await serve((_request, response) => {
      response.statusCode = 404;
      response.end('{"error":"no such profile"}');
    });
    client = new KeepAliveGetClient(running.url, {}, 1);

    await expect(get(client)).rejects.toThrow('HTTP 404: {"error":"no such profile"}');
    // The socket stays usable after an answer that was read whole.
    await expect(get(client)).rejects.toThrow('HTTP 404');
    expect(running.sockets).toBe(1);
  });

  it('opens at most maxConnections sockets and answers the requests that waited', async () => {
    running = await serve((_request, response) => {
      setTimeout(() => response.end('ok'), 20);
    });
    client = new KeepAliveGetClient(running.url, {}, 2);

    const sizes = await Promise.all(Array.from({ length: 6 }, () => get(client)));

    expect(sizes).toEqual(Array(6).fill(2));
    expect(running.sockets).toBe(2);
  });

  it('refuses an answer without Content-Length', async () => {
    running = await serve((_request, response) => {
      response.write('chunk one');
      response.end('chunk two');
    });
    client = new KeepAliveGetClient(running.url, {}, 1);

    await expect(get(client)).rejects.toThrow('answer without status or Content-Length');
  });

  it('rejects the request of a closed connection and opens a new one for the next', async () => {
    let answered = 0;
    running = await serve((request, response) => {
      answered += 1;
      if (answered === 1) request.socket.destroy();
      else response.end('back');
    });
    client = new KeepAliveGetClient(running.url, {}, 1);

    await expect(get(client)).rejects.toThrow('closed the connection');
    await expect(get(client)).resolves.toBe(4);
    expect(running.sockets).toBe(2);
  });

  describe('reading answers byte by byte', () => {
    let raw: Awaited<ReturnType<typeof serveRaw>> | undefined;

    afterEach(async () => {
      await raw?.close();
      raw = undefined;
    });

    it('reads an answer whose head and body arrive in pieces, the blank line split', async () => {
      const pieces = ['HTTP/1.1 200 OK\r\nContent-Le', 'ngth: 11\r\n\r', '\nhello', ' world'];
      raw = await serveRaw((socket) => {
        void (async () => {
          for (const piece of pieces) {
            socket.write(piece);
            await sleep(5);
          }
        })();
      });
      client = new KeepAliveGetClient(raw.url, {}, 1);

      await expect(get(client)).resolves.toBe(11);
      await expect(get(client)).resolves.toBe(11);
    });

    it('counts a body larger than one read', async () => {
      const body = Buffer.alloc(300_000, 'x');
      raw = await serveRaw((socket) => {
        socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`);
        socket.write(body);
      });
      client = new KeepAliveGetClient(raw.url, {}, 1);

      await expect(get(client)).resolves.toBe(300_000);
    });

    it('refuses an answer with more bytes than its Content-Length', async () => {
      raw = await serveRaw((socket) => {
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokay');
      });
      client = new KeepAliveGetClient(raw.url, {}, 1);

      await expect(get(client)).rejects.toThrow('sent more than Content-Length');
    });

    it('refuses an answer head that never ends', async () => {
      raw = await serveRaw((socket) => {
        socket.write(`HTTP/1.1 200 OK\r\nX-Padding: ${'p'.repeat(20_000)}`);
      });
      client = new KeepAliveGetClient(raw.url, {}, 1);

      await expect(get(client)).rejects.toThrow('an answer head longer than 8192 bytes');
    });
  });
});
