export { CsvFormatError, CsvParser, parseCsv } from './csv-parser';
export { isJsonObject, NdjsonFormatError, NdjsonParser } from './ndjson';
export {
  formatOf,
  openSource,
  type ReadOptions,
  type Source,
  type SourceFormat,
  type SourceRow,
} from './source';
