export { testInfra, testInfraEnv, uniqueNamespace, type TestInfra } from './test-infra';
