export { WorkspacesModule, workspacesCollections } from './workspaces.module';
export { hashWriteKey } from './write-keys/write-key-hash';
export { WriteKeyRepository } from './write-keys/write-key.repository';
export {
  WRITE_KEY_CACHE_TTL_MS,
  WriteKeyConflictError,
  WriteKeyService,
  type SeedWorkspace,
  type WriteKeyOwner,
} from './write-keys/write-key.service';
export { writeKeysCollection, type WriteKeyDocument } from './write-keys/write-keys.collection';
export type { Clock } from './write-keys/expiring-cache';
