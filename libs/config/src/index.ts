export { ConfigError, loadConfig, type Environment } from './load-config';
export { envBool, envInt, httpPort, partitionList, platformEnv, type PlatformEnv } from './schemas';
