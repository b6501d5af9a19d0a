import type { SourceRow } from '../read';

/**
 * How rows become groups (one group is what a mapping turns into calls, and the unit the
 * checkpoint counts). `per-row`: every row alone. `by-column`: consecutive rows sharing the
 * column's value; the rows of a group must be contiguous, give or take `reorderWindow` groups
 * open at once, so a group can be closed (and sent) without reading the rest of the file.
 */
export type Grouping =
  | { readonly kind: 'per-row' }
  | {
      readonly kind: 'by-column';
      readonly column: string;
      /** Groups kept open at once; 1 means strictly contiguous. */
      readonly reorderWindow: number;
    };

export interface RowGroup {
  /** 1-based position of the group in the file, in the order groups are closed. */
  readonly ordinal: number;
  /** The grouping column's value; absent for per-row grouping. */
  readonly key?: string;
  readonly rows: readonly SourceRow[];
}

/** How many closed keys are remembered to detect one coming back: bounds the memory used. */
export const CLOSED_KEY_MEMORY = 100_000;

/** A key came back after its group was closed (and possibly sent): the file breaks the grouping. */
export class NonContiguousGroupError extends Error {
  constructor(
    readonly column: string,
    readonly key: string,
    readonly row: number,
    readonly firstRow: number,
    readonly reorderWindow: number,
  ) {
    super(
      `${column} "${key}" reappears at row ${row}, after its group (first row ${firstRow}) was ` +
        `closed: rows of one ${column} must be contiguous (up to ${reorderWindow} group(s) may ` +
        `interleave). Sort the file by ${column} or widen the mapping's reorder window.`,
    );
    this.name = 'NonContiguousGroupError';
  }
}

export class MissingGroupKeyError extends Error {
  constructor(
    readonly column: string,
    readonly row: number,
  ) {
    super(`row ${row} has no ${column}: it cannot be grouped`);
    this.name = 'MissingGroupKeyError';
  }
}

export interface GroupOptions {
  /**
   * When given, a row without a value in the grouping column is handed here and left out;
   * without it, such a row fails the grouping.
   */
  readonly onMissingKey?: (error: MissingGroupKeyError) => void;
}

export async function* groupRows(
  rows: AsyncIterable<SourceRow>,
  grouping: Grouping,
  options: GroupOptions = {},
): AsyncGenerator<RowGroup> {
  if (grouping.kind === 'per-row') {
    let ordinal = 0;
    for await (const row of rows) {
      ordinal += 1;
      yield { ordinal, rows: [row] };
    }
    return;
  }
  yield* groupByColumn(rows, grouping.column, grouping.reorderWindow, options);
}

async function* groupByColumn(
  rows: AsyncIterable<SourceRow>,
  column: string,
  reorderWindow: number,
  { onMissingKey }: GroupOptions,
): AsyncGenerator<RowGroup> {
  const open = new Map<string, SourceRow[]>();
  const closed = new RecentKeys(CLOSED_KEY_MEMORY);
  let ordinal = 0;
  const closeOldest = (): RowGroup | undefined => {
    const oldest = open.entries().next();
    if (oldest.done) return undefined;
    const [key, groupRows] = oldest.value;
    open.delete(key);
    closed.add(key, groupRows[0]?.number ?? 0);
    ordinal += 1;
    return { ordinal, key, rows: groupRows };
  };
  for await (const row of rows) {
    const key = keyOf(row, column);
    if (key instanceof MissingGroupKeyError) {
      if (!onMissingKey) throw key;
      onMissingKey(key);
      continue;
    }
    const group = open.get(key);
    if (group) {
      group.push(row);
      continue;
    }
    const firstRow = closed.get(key);
    if (firstRow !== undefined) {
      throw new NonContiguousGroupError(column, key, row.number, firstRow, reorderWindow);
    }
    open.set(key, [row]);
    if (open.size > reorderWindow) {
      const done = closeOldest();
      if (done) yield done;
    }
  }
  for (let done = closeOldest(); done; done = closeOldest()) yield done;
}

function keyOf(row: SourceRow, column: string): string | MissingGroupKeyError {
  const value = row.values[column];
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return new MissingGroupKeyError(column, row.number);
}

/** The most recent `capacity` keys with their first row; the oldest are forgotten first. */
class RecentKeys {
  private readonly keys = new Map<string, number>();

  constructor(private readonly capacity: number) {}

  add(key: string, firstRow: number): void {
    this.keys.set(key, firstRow);
    if (this.keys.size > this.capacity) {
      const oldest = this.keys.keys().next();
      if (!oldest.done) this.keys.delete(oldest.value);
    }
  }

  get(key: string): number | undefined {
    return this.keys.get(key);
  }
}
