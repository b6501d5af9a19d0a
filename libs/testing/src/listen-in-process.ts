import type { INestApplication } from '@nestjs/common';

/**
 * Starts an app built by a service's own bootstrap the way its main.ts would (its microservices,
 * then HTTP), but on a free port of 127.0.0.1, and gives its base URL: http://127.0.0.1:<port>,
 * no trailing slash.
 */
export async function listenInProcess(app: INestApplication): Promise<string> {
  await app.startAllMicroservices();
  await app.listen(0, '127.0.0.1');
  const address: unknown = app.getHttpServer().address();
  if (!hasPort(address))
    throw new Error(`expected the app to listen on a TCP port, got ${String(address)}`);
  return `http://127.0.0.1:${address.port}`;
}

function hasPort(address: unknown): address is { readonly port: number } {
  return (
    typeof address === 'object' &&
    address !== null &&
    'port' in address &&
    typeof address.port === 'number'
  );
}
