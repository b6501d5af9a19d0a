export { bootInProcess, type BootInProcessOptions, type InProcessApp } from './boot-in-process';
export { CleanupError, orCleanUp } from './cleanup';
export { freePort } from './free-port';
export { listenInProcess } from './listen-in-process';
export { readSpans, spansOfTrace } from './spans';
export {
  REPO_ROOT,
  startService,
  type ServiceExit,
  type ServiceHandle,
  type StartServiceOptions,
} from './start-service';
export {
  createTestNamespace,
  type TestNamespace,
  type TestNamespaceOptions,
} from './test-namespace';
export { testInfra, testInfraEnv, uniqueNamespace, type TestInfra } from './test-infra';
export { waitFor, WaitForTimeoutError, type WaitForOptions } from './wait-for';
