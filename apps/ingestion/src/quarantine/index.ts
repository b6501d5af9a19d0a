export { QuarantineModule } from './quarantine.module';
export { quarantineOperations } from './quarantine.operations';
export { quarantineResolutionsCollection } from './quarantine-resolution.collection';
