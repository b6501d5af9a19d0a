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

/**
 * Streaming NDJSON parser: chunks of any size in, one object per complete line out. Blank
 * lines are skipped; CRLF line ends are accepted; anything but a JSON object is an error.
 */
export class NdjsonParser {
  private partial = '';
  private line = 0;

  push(chunk: string, emit: (record: NdjsonRecord) => void): void {
    let from = 0;
    let newline = chunk.indexOf('\n', from);
    while (newline >= 0) {
      this.parseLine(this.partial + chunk.slice(from, newline), emit);
      this.partial = '';
      from = newline + 1;
      newline = chunk.indexOf('\n', from);
    }
    this.partial += chunk.slice(from);
  }

  end(emit: (record: NdjsonRecord) => void): void {
    if (this.partial !== '') this.parseLine(this.partial, emit);
    this.partial = '';
  }

  private parseLine(raw: string, emit: (record: NdjsonRecord) => void): void {
    this.line += 1;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new NdjsonFormatError(
        this.line,
        `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    if (!isJsonObject(value)) throw new NdjsonFormatError(this.line, 'expected a JSON object');
    emit({ line: this.line, value });
  }
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
