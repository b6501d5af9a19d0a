export { findReferences, type DocumentReference } from './database-references';
export { namespaceEnv } from './namespace-env';
export { createTestDatabase, type TestDatabase, type TestDatabaseOptions } from './test-database';
export {
  createTestNamespace,
  type TestNamespace,
  type TestNamespaceOptions,
} from './test-namespace';
export {
  independentRfm,
  readRetailLines,
  type ExpectedRfm,
  type RetailLine,
} from './online-retail-truth';
export { profileErasedEvent } from './profile-erased';
export { deletionConfirmationsOf, waitForDeletionConfirmation } from './deletion-confirmations';
