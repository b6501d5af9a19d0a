import { createServer } from 'node:net';

/**
 * A TCP port free on 127.0.0.1 right now, from the OS. Another process could take it
 * before the caller binds it; the window is short and the OS hands out ports in rotation.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
  if (address === null || typeof address === 'string')
    throw new Error('Expected a TCP address from the probe server');
  return address.port;
}
