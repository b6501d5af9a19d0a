import { join } from 'node:path';
import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';
import { loadSync, type PackageDefinition } from '@grpc/proto-loader';
import { PROTO_DIR } from '@meridian/contracts';

export const PROFILE_SERVICE = 'meridian.profile.v1.ProfileService';

/**
 * profile.proto as the server decodes and encodes it: camelCase fields, unset fields absent
 * (proto3's empty strings and zeros read as "not sent"), 64-bit numbers as strings. Clients
 * that share this loading (the specs, the benchmark) see the same shapes.
 */
export function loadProfileProto(): PackageDefinition {
  return loadSync(join(PROTO_DIR, 'profile.proto'), {
    includeDirs: [PROTO_DIR],
    objects: true,
    oneofs: true,
    longs: String,
    defaults: false,
  });
}

/** The ProfileService methods, with their paths and (de)serialisers. */
export function profileServiceDefinition(
  definition: PackageDefinition = loadProfileProto(),
): ServiceDefinition {
  const service = definition[PROFILE_SERVICE];
  if (service === undefined || 'format' in service) {
    throw new Error(`profile.proto declares no service ${PROFILE_SERVICE}`);
  }
  return service;
}

export type ProfileMethod = 'GetProfile' | 'Lookup' | 'Search' | 'ListTimeline' | 'ListMessages';

/** One ProfileService method: its path and (de)serialisers, for a client or a spec. */
export function profileMethod(
  name: ProfileMethod,
  service: ServiceDefinition = profileServiceDefinition(),
): MethodDefinition<unknown, unknown> {
  const method = service[name];
  if (method === undefined) throw new Error(`profile.proto declares no method ${name}`);
  return method;
}
