import { loadSync } from '@grpc/proto-loader';
import { join } from 'node:path';

const protoDir = join(__dirname, '..', 'proto');

describe('gRPC service definitions', () => {
  it('declare IngestService with unary Track and Identify and a client-streaming Batch', () => {
    const definition = loadSync(join(protoDir, 'ingest.proto'), { includeDirs: [protoDir] });
    const service = definition['meridian.ingest.v1.IngestService'];
    expect(service).toBeDefined();
    const methods = Object.fromEntries(
      Object.entries(service ?? {}).map(([name, method]) => [
        name,
        'requestStream' in method && method.requestStream,
      ]),
    );
    expect(methods).toEqual({ Track: false, Identify: false, Batch: true });
  });

  it('declare ProfileService with get, lookup, search, timeline and message history', () => {
    const definition = loadSync(join(protoDir, 'profile.proto'), { includeDirs: [protoDir] });
    expect(Object.keys(definition['meridian.profile.v1.ProfileService'] ?? {}).sort()).toEqual([
      'GetProfile',
      'ListMessages',
      'ListTimeline',
      'Lookup',
      'Search',
    ]);
  });
});
