import type { Metadata } from '@grpc/grpc-js';

/**
 * The Authorization metadata of a call (`Basic …` or `Bearer <write key>`), read like the
 * HTTP header of the same name.
 */
export function authorizationOf(metadata: Metadata): string | undefined {
  const [value] = metadata.get('authorization');
  return typeof value === 'string' ? value : undefined;
}

/**
 * The sender's address for context.ip: the first `x-forwarded-for` hop when a proxy set one,
 * else the peer grpc-js reports (`<remoteAddress>:<port>`, e.g. `127.0.0.1:5678` or
 * `::1:5678`; `unknown` when it has none).
 */
export function clientIpOf(metadata: Metadata, peer: string): string | undefined {
  const [forwarded] = metadata.get('x-forwarded-for');
  const first = typeof forwarded === 'string' ? forwarded.split(',')[0]?.trim() : undefined;
  if (first !== undefined && first !== '') return first;
  const address = /^(.+):\d+$/.exec(peer)?.[1];
  if (address === undefined || !/^[0-9a-f.:]+$/i.test(address)) return undefined;
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}
