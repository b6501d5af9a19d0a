import { join } from 'node:path';
import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';
import { loadSync, type PackageDefinition } from '@grpc/proto-loader';
import { PROTO_DIR } from '@meridian/contracts';

export const INGEST_SERVICE = 'meridian.ingest.v1.IngestService';

/**
 * ingest.proto as the server decodes it: camelCase fields, unset fields absent (so proto3's
 * empty strings read as "not sent"), oneofs named, 64-bit numbers as strings. Clients that
 * share this loading (the integration spec) see the same shapes.
 */
export function loadIngestProto(): PackageDefinition {
  return loadSync(join(PROTO_DIR, 'ingest.proto'), {
    includeDirs: [PROTO_DIR],
    objects: true,
    oneofs: true,
    longs: String,
    defaults: false,
  });
}

/** The IngestService methods, with their paths and (de)serialisers. */
export function ingestServiceDefinition(
  definition: PackageDefinition = loadIngestProto(),
): ServiceDefinition {
  const service = definition[INGEST_SERVICE];
  if (service === undefined || 'format' in service) {
    throw new Error(`ingest.proto declares no service ${INGEST_SERVICE}`);
  }
  return service;
}

export type IngestMethod = 'Track' | 'Identify' | 'Batch';

/** One IngestService method: its path and (de)serialisers, for a client or a spec. */
export function ingestMethod(
  name: IngestMethod,
  service: ServiceDefinition = ingestServiceDefinition(),
): MethodDefinition<unknown, unknown> {
  const method = service[name];
  if (method === undefined) throw new Error(`ingest.proto declares no method ${name}`);
  return method;
}
