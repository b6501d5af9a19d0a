export { ConfigError, loadConfig, type Environment } from './load-config';
export {
  envBool,
  envInt,
  httpPort,
  ownedPartitionsEnv,
  partitionList,
  platformEnv,
  resolveOwnedPartitions,
  type PlatformEnv,
} from './schemas';
