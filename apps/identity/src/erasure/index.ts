export { type ErasureOptions } from './erasure-options';
export { erasureCollections, ErasureModule } from './erasure.module';
