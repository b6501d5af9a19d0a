export { bootInProcess, type BootInProcessOptions, type InProcessApp } from './boot-in-process';
export { cleanupOnce, CleanupError, orCleanUp, type CleanupStep } from './cleanup';
export { freePort } from './free-port';
export { killOnExit } from './kill-on-exit';
export { listenInProcess } from './listen-in-process';
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
