import {
  etaMsOf,
  formatDuration,
  ProgressReporter,
  rateOf,
  renderBarLine,
  renderPlainLine,
  type ProgressSnapshot,
} from './progress';

const snapshot: ProgressSnapshot = {
  rows: 135_000,
  groups: 6_500,
  callsSent: 6_400,
  callsAnswered: 6_000,
  refused: 2,
  bytesRead: 1_900_000,
  totalBytes: 7_600_000,
  elapsedMs: 3_000,
};

describe('progress', () => {
  it('computes the rate from answered calls and the ETA from the share of bytes read', () => {
    expect(rateOf(snapshot)).toBe(2_000);
    // A quarter read in 3 s: three more quarters take 9 s.
    expect(etaMsOf(snapshot)).toBe(9_000);
    expect(etaMsOf({ ...snapshot, bytesRead: 10 })).toBeUndefined();
  });

  it('formats durations for people', () => {
    expect(formatDuration(9_000)).toBe('9s');
    expect(formatDuration(185_000)).toBe('3m05s');
    expect(formatDuration(3_720_000)).toBe('1h02m');
  });

  it('renders a bar line and a plain line with rows, calls, rate and ETA', () => {
    const bar = renderBarLine(snapshot);
    expect(bar).toContain('25.0%');
    expect(bar).toContain('█'.repeat(5) + '░'.repeat(15));
    expect(renderPlainLine(snapshot)).toBe(
      'import: 25.0% · 2,000 calls/s · ETA 9s · rows 135,000 · groups 6,500 · calls 6,400 · refused 2',
    );
  });

  it('redraws one line on a terminal and writes whole lines elsewhere', () => {
    const written: string[] = [];
    const tty = new ProgressReporter(
      { isTTY: true, columns: 80, write: (text) => written.push(text) },
      () => snapshot,
    );
    tty.render();
    tty.note('retry 1 in 2.0s after HTTP 429');
    // Clear the line, then at most columns - 1 characters so the terminal never wraps.
    expect(written[0]?.startsWith('\r\x1b[2K')).toBe(true);
    expect(written[0]?.slice('\r\x1b[2K'.length).length).toBeLessThanOrEqual(79);
    expect(written[1]).toBe('\r\x1b[2Kretry 1 in 2.0s after HTTP 429\n');

    const lines: string[] = [];
    const plain = new ProgressReporter({ write: (text) => lines.push(text) }, () => snapshot);
    plain.start();
    plain.stop();
    expect(lines).toEqual([`${renderPlainLine(snapshot)}\n`]);
  });
});
