export { CsvFormatError, CsvParser, parseCsv } from './csv-parser';
export {
  type Compression,
  DECODE_CHUNK_BYTES,
  decodedText,
  gunzipped,
  GzipFormatError,
} from './decoded-text';
export {
  isJsonObject,
  NdjsonFormatError,
  NdjsonParser,
  type NdjsonParserOptions,
  type NdjsonRecord,
} from './ndjson';
export {
  rowsOf,
  SOURCE_FORMATS,
  type MalformedRow,
  type ReadOptions,
  type SourceFormat,
  type SourceRow,
} from './rows';
export { formatOf, openSource, type Source } from './source';
