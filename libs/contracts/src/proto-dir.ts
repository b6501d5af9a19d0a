import { join } from 'node:path';

/** Directory of the .proto files, for services that serve or call the gRPC APIs. */
export const PROTO_DIR = join(__dirname, '..', 'proto');
