export { namespaceEnv } from './namespace-env';
export {
  createTestNamespace,
  type TestNamespace,
  type TestNamespaceOptions,
} from './test-namespace';
