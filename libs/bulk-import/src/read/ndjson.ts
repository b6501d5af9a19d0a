/** A line of an NDJSON file that is not a JSON object. */
export class NdjsonFormatError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`NDJSON line ${line}: ${message}`);
    this.name = 'NdjsonFormatError';
  }
}

/** One JSON object per line, with its 1-based line number. */
export interface NdjsonRecord {
  readonly line: number;
  readonly value: Readonly<Record<string, unknown>>;
}

export interface NdjsonParserOptions {
  /** A longer line is an error (default: no limit); without a newline it would grow forever. */
  readonly maxLineChars?: number;
  /**
   * When given, a bad line (not JSON, not an object, too long) is handed here and parsing
   * goes on with the next line; without it, the error is thrown.
   */
  readonly onInvalidLine?: (error: NdjsonFormatError) => void;
}

/**
 * Streaming NDJSON parser: chunks of any size in, one object per complete line out. Blank
 * lines are skipped; CRLF line ends are accepted; anything but a JSON object is an error.
 */
export class NdjsonParser {
  private partial = '';
  private line = 0;
  /** The current line passed the limit: the rest of it is dropped up to its newline. */
  private discarding = false;
  private readonly maxLineChars: number;

  constructor(private readonly options: NdjsonParserOptions = {}) {
    this.maxLineChars = options.maxLineChars ?? Number.POSITIVE_INFINITY;
  }

  push(chunk: string, emit: (record: NdjsonRecord) => void): void {
    let from = 0;
    let newline = chunk.indexOf('\n', from);
    while (newline >= 0) {
      if (this.discarding) this.discarding = false;
      else this.parseLine(this.partial + chunk.slice(from, newline), emit);
      this.partial = '';
      from = newline + 1;
      newline = chunk.indexOf('\n', from);
    }
    if (this.discarding) return;
    this.partial += chunk.slice(from);
    if (this.partial.length > this.maxLineChars) {
      this.line += 1;
      this.partial = '';
      this.discarding = true;
      this.invalid(new NdjsonFormatError(this.line, `longer than ${this.maxLineChars} characters`));
    }
  }

  end(emit: (record: NdjsonRecord) => void): void {
    if (this.partial !== '') this.parseLine(this.partial, emit);
    this.partial = '';
  }

  private parseLine(raw: string, emit: (record: NdjsonRecord) => void): void {
    this.line += 1;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') return;
    if (text.length > this.maxLineChars) {
      this.invalid(new NdjsonFormatError(this.line, `longer than ${this.maxLineChars} characters`));
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.invalid(
        new NdjsonFormatError(
          this.line,
          `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
        ),
      );
      return;
    }
    if (!isJsonObject(value)) {
      this.invalid(new NdjsonFormatError(this.line, 'expected a JSON object'));
      return;
    }
    emit({ line: this.line, value });
  }

  private invalid(error: NdjsonFormatError): void {
    if (!this.options.onInvalidLine) throw error;
    this.options.onInvalidLine(error);
  }
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
