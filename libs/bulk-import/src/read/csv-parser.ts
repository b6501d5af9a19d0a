const COMMA = 0x2c;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** A CSV text that RFC 4180 cannot read, with the record where it went wrong. */
export class CsvFormatError extends Error {
  constructor(
    readonly record: number,
    message: string,
  ) {
    super(`CSV record ${record}: ${message}`);
    this.name = 'CsvFormatError';
  }
}

/**
 * Streaming RFC 4180 parser: text arrives in chunks of any size (a quoted field, a doubled
 * quote or a CRLF may be split across two chunks) and complete records come out as soon as
 * their line ends. Fields are sliced out of the chunk rather than built character by
 * character, which keeps half a million rows fast. Lenient where files in the wild are: LF
 * or CRLF line ends, a quote inside an unquoted field is kept as is, blank lines are skipped.
 */
export class CsvParser {
  private record: string[] = [];
  private field = '';
  private fieldStart = true;
  private inQuotes = false;
  /** Inside quotes, the last character was a quote: either the closing one or half of "". */
  private quotePending = false;
  /** The last character was CR: a following LF belongs to the same line end. */
  private afterCr = false;
  private started = false;
  /** Records emitted so far, for error messages (the header is record 1). */
  private records = 0;
  /** Characters of the record being read, so an unclosed quote cannot buffer a whole file. */
  private recordChars = 0;

  /** `maxRecordChars`: a longer record fails the parse (default: no limit). */
  constructor(private readonly maxRecordChars = Number.POSITIVE_INFINITY) {}

  /** Parses one chunk and hands every record it completes to `emit`. */
  push(chunk: string, emit: (record: string[]) => void): void {
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let i = 0;
    const n = text.length;
    while (i < n) {
      if (this.inQuotes) {
        i = this.readQuoted(text, i);
        continue;
      }
      const code = text.charCodeAt(i);
      if (this.afterCr) {
        this.afterCr = false;
        if (code === LF) {
          i += 1;
          continue;
        }
      }
      if (code === QUOTE && this.fieldStart) {
        this.inQuotes = true;
        this.fieldStart = false;
        i += 1;
        continue;
      }
      i = this.readUnquoted(text, i, emit);
    }
  }

  /** Ends the text: emits the last record when the file does not end with a line break. */
  end(emit: (record: string[]) => void): void {
    if (this.inQuotes && !this.quotePending) {
      throw new CsvFormatError(this.records + 1, 'a quoted field is not closed before the end');
    }
    this.inQuotes = false;
    this.quotePending = false;
    if (this.record.length > 0 || this.field !== '' || !this.fieldStart) this.endRecord(emit);
  }

  private readQuoted(text: string, from: number): number {
    if (this.quotePending) {
      this.quotePending = false;
      if (text.charCodeAt(from) === QUOTE) {
        this.append('"');
        return from + 1;
      }
      // The pending quote closed the field; what follows is read as unquoted text.
      this.inQuotes = false;
      return from;
    }
    const quote = text.indexOf('"', from);
    if (quote < 0) {
      this.append(text.slice(from));
      return text.length;
    }
    this.append(text.slice(from, quote));
    this.quotePending = true;
    return quote + 1;
  }

  private append(text: string): void {
    this.field += text;
    this.recordChars += text.length;
    if (this.recordChars > this.maxRecordChars) {
      throw new CsvFormatError(
        this.records + 1,
        `longer than ${this.maxRecordChars} characters (is a quote not closed?)`,
      );
    }
  }

  private readUnquoted(text: string, from: number, emit: (record: string[]) => void): number {
    let end = from;
    const n = text.length;
    while (end < n) {
      const code = text.charCodeAt(end);
      if (code === COMMA || code === CR || code === LF) break;
      end += 1;
    }
    if (end > from) {
      this.append(text.slice(from, end));
      this.fieldStart = false;
    }
    if (end === n) return n;
    const delimiter = text.charCodeAt(end);
    if (delimiter === COMMA) {
      this.endField();
    } else {
      this.endRecord(emit);
      this.afterCr = delimiter === CR;
    }
    return end + 1;
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = '';
    this.fieldStart = true;
    // A separator counts too: a record of a million empty fields is as long as its commas.
    this.recordChars += 1;
  }

  private endRecord(emit: (record: string[]) => void): void {
    // A blank line holds no field at all (not even ""): no data, not a record.
    const blank = this.record.length === 0 && this.field === '' && this.fieldStart;
    this.endField();
    const record = this.record;
    this.record = [];
    this.recordChars = 0;
    if (blank) return;
    this.records += 1;
    emit(record);
  }
}

/** Parses a whole CSV text at once (small inputs and tests). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  const parser = new CsvParser();
  const emit = (record: string[]) => records.push(record);
  parser.push(text, emit);
  parser.end(emit);
  return records;
}
