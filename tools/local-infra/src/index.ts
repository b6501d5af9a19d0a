export { parseArgs, UsageError, type CliArgs, type Command } from './args';
export { isStale, resolveDb, resolveNats, type Toolchain } from './binaries';
export { down, status, up, type ServerReport } from './infra';
export { PROFILE_PORTS, planFor, type InfraPlan, type InfraPorts, type Profile } from './profiles';
