import type { ImportSummary } from './importer';
import { formatCount, formatDuration } from './progress';

const STATUS_TEXT: Readonly<Record<ImportSummary['status'], string>> = {
  completed: 'completed',
  'limit-reached': 'stopped at --limit',
  'already-complete': 'already complete (nothing sent; --restart sends everything again)',
  aborted: 'interrupted (run the same command again to resume)',
  failed: 'failed (run the same command again to resume once fixed)',
};

function byKey(counts: Readonly<Record<string, number>>): string {
  const entries = Object.entries(counts);
  if (entries.length === 0) return '0';
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  return `${formatCount(total)} (${entries.map(([key, count]) => `${key}: ${formatCount(count)}`).join(', ')})`;
}

function durationText(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)}s` : formatDuration(ms);
}

/** The end-of-run summary, one line per figure. */
export function summaryLines(summary: ImportSummary): string[] {
  const seconds = summary.durationMs / 1000;
  const answered = summary.callsAccepted + summary.callsRefused;
  const rate = seconds > 0 ? answered / seconds : 0;
  return [
    `import ${summary.mapping} ${STATUS_TEXT[summary.status]}`,
    `  file          ${summary.file}`,
    `  rows          ${formatCount(summary.rows)}`,
    `  groups        ${formatCount(summary.groups)} mapped` +
      (summary.groupsResumed > 0
        ? `, ${formatCount(summary.groupsResumed)} done by an earlier run`
        : ''),
    `  skipped       ${byKey(summary.skipped)}`,
    `  calls         ${formatCount(summary.callsSent)} sent, ${formatCount(summary.callsAccepted)} accepted`,
    `  rejected      ${byKey(summary.rejected)}`,
    `  retries       ${formatCount(summary.retries)}`,
    `  duration      ${durationText(summary.durationMs)} (${formatCount(rate)} calls/s)`,
    `  checkpoint    ${summary.checkpointPath} (${formatCount(summary.groupsDone)} groups done)`,
    ...(Object.keys(summary.rejected).length > 0 ? [`  rejects       ${summary.rejectsPath}`] : []),
  ];
}
