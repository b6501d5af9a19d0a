export { BaseRepository, type FindOptions, type UpdateResult } from './base-repository';
export {
  CollectionDefinitionError,
  defineCollection,
  planIndexes,
  validateCollectionDefinitions,
  type CollectionDefinition,
  type ExistingIndex,
  type IndexConflict,
  type IndexDefinition,
  type IndexDirection,
  type IndexPlan,
} from './collections';
export {
  dropDatabase,
  openDatabase,
  type ConnectionOptions,
  type DatabaseHandle,
} from './connection';
export type {
  Database,
  PlainDocument,
  QueryFilter,
  SortSpec,
  Stored,
  UpdateSpec,
  WorkspaceScoped,
} from './driver-types';
export { ensureCollections, type EnsureCollectionsReport } from './ensure-collections';
export { DuplicateKeyError, IndexConflictError, WorkspaceScopeError } from './errors';
export { MongoHealthIndicator } from './mongo-health.indicator';
export {
  PersistenceModule,
  type PersistenceFeature,
  type PersistenceOptions,
} from './persistence.module';
export { insertIfAbsent } from './insert-if-absent';
export { serverFlavourOf, type GuardValue, type ServerFlavour } from './guarded-update';
export {
  measureRawUpsertRate,
  type RawUpsertDocument,
  type RawUpsertOptions,
  type RawUpsertResult,
} from './raw-upsert-baseline';
export { InjectDatabase, PERSISTENCE_DB } from './tokens';
