import { Metadata } from '@grpc/grpc-js';
import { authorizationOf, clientIpOf } from './grpc-request';

function metadataWith(entries: Record<string, string>): Metadata {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(entries)) metadata.set(key, value);
  return metadata;
}

describe('the request parts of a gRPC call', () => {
  it('reads the authorization metadata like the HTTP header', () => {
    expect(authorizationOf(metadataWith({ authorization: 'Bearer key' }))).toBe('Bearer key');
    expect(authorizationOf(new Metadata())).toBeUndefined();
  });

  it.each([
    ['10.1.2.3:5000', '10.1.2.3'],
    ['::1:5000', '::1'],
    ['::ffff:127.0.0.1:5000', '127.0.0.1'],
    ['unknown', undefined],
  ])('takes the client address of peer %s', (peer, expected) => {
    expect(clientIpOf(new Metadata(), peer)).toBe(expected);
  });

  it('prefers the first x-forwarded-for hop to the peer', () => {
    const metadata = metadataWith({ 'x-forwarded-for': '203.0.113.9, 10.0.0.1' });

    expect(clientIpOf(metadata, '10.0.0.1:5000')).toBe('203.0.113.9');
  });
});
