export { ErasureModule, ORCHESTRATION_ERASED_PROFILES } from './erasure.module';
