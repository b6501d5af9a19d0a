export { importJobsCollection, type ImportJobDocument } from './import-job.collection';
export { importOperations } from './imports.operations';
export { ImportsModule } from './imports.module';
export { ImportJobView } from './imports.schemas';
