/** What the progress display shows; read from the importer on each redraw. */
export interface ProgressSnapshot {
  readonly rows: number;
  readonly groups: number;
  readonly callsSent: number;
  /** Calls ingestion answered for (accepted or refused). */
  readonly callsAnswered: number;
  readonly refused: number;
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly elapsedMs: number;
}

/** Where progress goes: stderr in the CLI. */
export interface ProgressOutput {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

const BAR_WIDTH = 20;
/** Below this share of the file, an ETA is noise. */
const MIN_FRACTION_FOR_ETA = 0.005;

export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** 42s, 3m05s, 1h02m. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** Calls answered per second since the start. */
export function rateOf(snapshot: ProgressSnapshot): number {
  return snapshot.elapsedMs > 0 ? (snapshot.callsAnswered * 1000) / snapshot.elapsedMs : 0;
}

/** Share of the file read, by bytes on disk (compressed when gzipped). */
export function fractionOf(snapshot: ProgressSnapshot): number {
  return snapshot.totalBytes > 0 ? Math.min(1, snapshot.bytesRead / snapshot.totalBytes) : 0;
}

/** Time left, extrapolated from the bytes read so far; undefined until there is enough to go on. */
export function etaMsOf(snapshot: ProgressSnapshot): number | undefined {
  const fraction = fractionOf(snapshot);
  if (fraction < MIN_FRACTION_FOR_ETA) return undefined;
  return (snapshot.elapsedMs * (1 - fraction)) / fraction;
}

function figures(snapshot: ProgressSnapshot): string {
  const eta = etaMsOf(snapshot);
  // Rate and ETA first: on a narrow terminal the line is cut from the right.
  return [
    `${formatCount(rateOf(snapshot))} calls/s`,
    `ETA ${eta === undefined ? '--' : formatDuration(eta)}`,
    `rows ${formatCount(snapshot.rows)}`,
    `groups ${formatCount(snapshot.groups)}`,
    `calls ${formatCount(snapshot.callsSent)}`,
    ...(snapshot.refused > 0 ? [`refused ${formatCount(snapshot.refused)}`] : []),
  ].join(' · ');
}

/** One redrawable terminal line: a bar, the share read and the figures. */
export function renderBarLine(snapshot: ProgressSnapshot): string {
  const fraction = fractionOf(snapshot);
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
  return `${bar} ${(fraction * 100).toFixed(1).padStart(5)}% · ${figures(snapshot)}`;
}

/** One log line for CI, where a redrawn line would be garbage. */
export function renderPlainLine(snapshot: ProgressSnapshot): string {
  return `import: ${(fractionOf(snapshot) * 100).toFixed(1)}% · ${figures(snapshot)}`;
}

/**
 * Redraws a progress bar on a terminal ten times a second; prints a plain line every
 * `plainIntervalMs` elsewhere (CI logs).
 */
export class ProgressReporter {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly output: ProgressOutput,
    private readonly snapshot: () => ProgressSnapshot,
    private readonly plainIntervalMs = 10_000,
  ) {}

  start(): void {
    const interval = this.output.isTTY ? 100 : this.plainIntervalMs;
    this.timer = setInterval(() => this.render(), interval);
    // Progress must never keep the process alive on its own.
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.render();
    if (this.output.isTTY) this.output.write('\n');
  }

  /** A line of its own (a retry, a warning) that the bar must not overwrite. */
  note(text: string): void {
    this.output.write(this.output.isTTY ? `\r\x1b[2K${text}\n` : `${text}\n`);
  }

  render(): void {
    const snapshot = this.snapshot();
    if (!this.output.isTTY) {
      this.output.write(`${renderPlainLine(snapshot)}\n`);
      return;
    }
    const line = renderBarLine(snapshot);
    const width = this.output.columns ?? 120;
    this.output.write(`\r\x1b[2K${line.length > width - 1 ? line.slice(0, width - 1) : line}`);
  }
}
