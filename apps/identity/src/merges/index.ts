export { absorbProfile, type Absorption } from './absorb-profile';
export { MergesModule } from './merges.module';
