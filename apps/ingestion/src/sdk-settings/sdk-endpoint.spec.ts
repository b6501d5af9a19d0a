import { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { endpointOfRequest, PublicUrl } from './sdk-endpoint';

describe('PublicUrl (INGEST_PUBLIC_URL)', () => {
  it.each([
    ['https://ingest.example.com', { protocol: 'https', host: 'ingest.example.com' }],
    ['https://ingest.example.com/', { protocol: 'https', host: 'ingest.example.com' }],
    ['http://127.0.0.1:8080', { protocol: 'http', host: '127.0.0.1:8080' }],
    ['https://example.com/meridian/', { protocol: 'https', host: 'example.com/meridian' }],
    ['HTTPS://Ingest.Example.com:8443', { protocol: 'https', host: 'ingest.example.com:8443' }],
  ])('reads %s as the endpoint browsers reach', (value, endpoint) => {
    expect(PublicUrl.parse(value)).toEqual(endpoint);
  });

  it.each([
    'ingest.example.com',
    'ftp://ingest.example.com',
    'https://ingest.example.com/?x=1',
    'https://ingest.example.com/#top',
    'https://user:secret@ingest.example.com',
    '',
  ])('refuses %j', (value) => {
    expect(PublicUrl.safeParse(value).success).toBe(false);
  });
});

describe('endpointOfRequest', () => {
  const request = (host: string | undefined, socket: Socket = new Socket()) => ({
    headers: host === undefined ? {} : { host },
    socket,
  });

  it.each(['ingest.example.com', 'localhost:8080', '127.0.0.1:3000', '[::1]:8080', 'svc_a'])(
    'takes the Host header %s over plain HTTP as http',
    (host) => {
      expect(endpointOfRequest(request(host))).toEqual({ protocol: 'http', host });
    },
  );

  it('takes https when this process terminated TLS', () => {
    const tls = new TLSSocket(new Socket());
    expect(endpointOfRequest(request('ingest.example.com', tls))).toEqual({
      protocol: 'https',
      host: 'ingest.example.com',
    });
    tls.destroy();
  });

  it('ignores X-Forwarded-Host and X-Forwarded-Proto, which any client can send', () => {
    const forwarded = {
      headers: {
        host: 'ingest.internal:8080',
        'x-forwarded-host': 'evil.example',
        'x-forwarded-proto': 'https',
      },
      socket: new Socket(),
    };
    expect(endpointOfRequest(forwarded)).toEqual({
      protocol: 'http',
      host: 'ingest.internal:8080',
    });
  });

  it.each([undefined, '', 'evil.example/path', 'user@evil.example', 'a b', 'x:port'])(
    'has no endpoint for the Host header %j',
    (host) => {
      expect(endpointOfRequest(request(host))).toBeNull();
    },
  );
});
