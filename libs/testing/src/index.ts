export { bootInProcess, type BootInProcessOptions, type InProcessApp } from './boot-in-process';
export { freePort } from './free-port';
export { readSpans, spansOfTrace } from './spans';
export {
  REPO_ROOT,
  startService,
  type ServiceExit,
  type ServiceHandle,
  type StartServiceOptions,
} from './start-service';
export { testInfra, testInfraEnv, uniqueNamespace, type TestInfra } from './test-infra';
export { waitFor, WaitForTimeoutError, type WaitForOptions } from './wait-for';
