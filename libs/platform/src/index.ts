export {
  createServiceApp,
  type ServiceAppOptions,
  type ServiceLogOptions,
} from './create-service-app';
export { PlatformModule, readinessIndicators, type PlatformOptions } from './platform.module';
export { runService, type RunServiceOptions } from './run-service';
export { readLimitedBody, type LimitedBodyOptions } from './read-limited-body';
export { GrpcTransport, type GrpcSettings } from './grpc-transport';
export { ApiRefusal, ApiRefusalFilter } from './api-refusal';
export { RecentReads } from './recent-reads';
