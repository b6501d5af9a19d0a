import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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

describe('KeepAliveGetClient', () => {
  let running: Awaited<ReturnType<typeof serve>> | undefined;
  let client: KeepAliveGetClient | undefined;

  afterEach(async () => {
    client?.close();
    running?.server.closeAllConnections();
    await new Promise((resolve) => running?.server.close(resolve));
  });

  it('answers the body size of 200s and reuses one socket for requests one after another', async () => {
    const seen: string[] = [];
    running = await serve((request, response) => {
      seen.push(`${request.url} ${request.headers.authorization}`);
      response.end(JSON.stringify({ profileId: 'p1' }));
    });
    client = new KeepAliveGetClient(running.url, { authorization: 'Bearer k' }, 4);

    const sizes = [await client.get(), await client.get(), await client.get()];

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

    await expect(client.get()).rejects.toThrow('HTTP 404: {"error":"no such profile"}');
    // The socket stays usable after an answer that was read whole.
    await expect(client.get()).rejects.toThrow('HTTP 404');
    expect(running.sockets).toBe(1);
  });

  it('opens at most maxConnections sockets and answers the requests that waited', async () => {
    running = await serve((_request, response) => {
      setTimeout(() => response.end('ok'), 20);
    });
    client = new KeepAliveGetClient(running.url, {}, 2);

    const sizes = await Promise.all(Array.from({ length: 6 }, () => client?.get()));

    expect(sizes).toEqual(Array(6).fill(2));
    expect(running.sockets).toBe(2);
  });

  it('refuses an answer without Content-Length', async () => {
    running = await serve((_request, response) => {
      response.write('chunk one');
      response.end('chunk two');
    });
    client = new KeepAliveGetClient(running.url, {}, 1);

    await expect(client.get()).rejects.toThrow('answer without status or Content-Length');
  });

  it('rejects the request of a closed connection and opens a new one for the next', async () => {
    let answered = 0;
    running = await serve((request, response) => {
      answered += 1;
      if (answered === 1) request.socket.destroy();
      else response.end('back');
    });
    client = new KeepAliveGetClient(running.url, {}, 1);

    await expect(client.get()).rejects.toThrow('closed the connection');
    await expect(client.get()).resolves.toBe(4);
    expect(running.sockets).toBe(2);
  });
});
