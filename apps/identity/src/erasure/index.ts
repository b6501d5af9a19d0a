export { ErasureModule, IDENTITY_ERASED_PROFILES } from './erasure.module';
