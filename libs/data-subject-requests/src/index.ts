export {
  DataSubjectRequestsAdminModule,
  DataSubjectRequestsModule,
  dataSubjectRequestCollections,
} from './data-subject-requests.module';
export { dataSubjectRequestOperations } from './data-subject-request.operations';
export {
  DEFAULT_DELETION_CONFIRMERS,
  ServiceNameList,
  type DataSubjectRequestSettings,
} from './settings';
export {
  normaliseIdentifier,
  STANDARD_IDENTIFIER_TYPES,
  SubjectIdentifier,
  SubjectIdentifierType,
} from './identifiers/subject-identifier';
export { identifiersOfCall } from './identifiers/identifiers-of-call';
export {
  CreateDataSubjectRequest,
  DataSubjectRequestList,
  DataSubjectRequestStatus,
  DataSubjectRequestType,
  DataSubjectRequestView,
} from './requests/data-subject-request';
export { SuppressionGate, type SuppressionOutcome } from './suppressions/suppression-gate';
export { SUPPRESSION_REFRESH_MS } from './suppressions/suppression-index';
export { SuppressionList, SuppressionView } from './suppressions/suppression.service';
