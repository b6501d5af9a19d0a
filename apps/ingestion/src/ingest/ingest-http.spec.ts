import type { IncomingMessage } from 'node:http';
import { clientIpOf } from './ingest-http';

const request = (headers: IncomingMessage['headers'], remoteAddress?: string) =>
  ({ headers, socket: { remoteAddress } }) as Pick<IncomingMessage, 'headers' | 'socket'>;

describe('clientIpOf', () => {
  it('takes the first X-Forwarded-For hop when a proxy set one', () => {
    expect(clientIpOf(request({ 'x-forwarded-for': '203.0.113.7, 10.0.0.1' }, '10.0.0.2'))).toBe(
      '203.0.113.7',
    );
  });

  it("falls back to the socket's peer, without the IPv4-mapped IPv6 prefix", () => {
    expect(clientIpOf(request({}, '::ffff:192.0.2.4'))).toBe('192.0.2.4');
    expect(clientIpOf(request({}, '2001:db8::1'))).toBe('2001:db8::1');
  });
});
