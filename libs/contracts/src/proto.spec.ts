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

  it('keep the Profile message additive: the fields added later take new numbers', () => {
    const definition = loadSync(join(protoDir, 'profile.proto'), { includeDirs: [protoDir] });
    const profile = definition['meridian.profile.v1.Profile'];
    const fields =
      profile !== undefined && 'type' in profile && isDescriptor(profile.type)
        ? profile.type.field.map((field) => [field.name, field.number, field.label])
        : [];
    // Numbers 1–11 are as first published; the later fields only add numbers.
    expect(fields).toEqual([
      ['profileId', 1, 'LABEL_OPTIONAL'],
      ['workspaceId', 2, 'LABEL_OPTIONAL'],
      ['identifiers', 3, 'LABEL_REPEATED'],
      ['traits', 4, 'LABEL_OPTIONAL'],
      ['computed', 5, 'LABEL_OPTIONAL'],
      ['messages', 6, 'LABEL_REPEATED'],
      ['revision', 7, 'LABEL_OPTIONAL'],
      ['partition', 8, 'LABEL_OPTIONAL'],
      ['timeline', 9, 'LABEL_REPEATED'],
      ['createdAt', 10, 'LABEL_OPTIONAL'],
      ['updatedAt', 11, 'LABEL_OPTIONAL'],
      ['consent', 12, 'LABEL_REPEATED'],
      ['subscriptions', 13, 'LABEL_REPEATED'],
      ['scores', 14, 'LABEL_REPEATED'],
      ['segments', 15, 'LABEL_REPEATED'],
      ['rfm', 16, 'LABEL_OPTIONAL'],
    ]);
  });
});

/** The message descriptor @grpc/proto-loader hands out, as far as these specs read it. */
function isDescriptor(
  type: unknown,
): type is { field: { name: string; number: number; label: string }[] } {
  return typeof type === 'object' && type !== null && 'field' in type && Array.isArray(type.field);
}
