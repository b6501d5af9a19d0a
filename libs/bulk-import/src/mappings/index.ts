export { INGESTION_MAX_CALL_BYTES, jsonBytes, MAX_CALL_BYTES } from './call-budget';
export { FIELDS, FieldsSpec, fieldsMapping } from './fields';
export {
  importMessageId,
  MAX_MESSAGE_ID_LENGTH,
  type GroupOutcome,
  type IdentifyCall,
  type ImportCall,
  type Mapping,
  type TrackCall,
} from './mapping';
export { fromScaledAmount, parseScaledAmount, scaledTotal, toCurrencyAmount } from './money';
export {
  invoiceKindOf,
  invoiceToCalls,
  ONLINE_RETAIL,
  ONLINE_RETAIL_COLUMNS,
  ONLINE_RETAIL_DEFAULT_FILE,
  ONLINE_RETAIL_REORDER_WINDOW,
  isoOfInvoiceDate,
  lineOf,
  OnlineRetailRow,
  type OnlineRetailLine,
  onlineRetailMapping,
  withProductsThatFit,
} from './online-retail';
export {
  FIELDS_FLAGS,
  MappingUsageError,
  mappingNamed,
  mappings,
  sourceNameOf,
  type MappingEntry,
  type MappingFlags,
} from './registry';
