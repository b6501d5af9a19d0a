import { isAbsolute, relative } from 'node:path';
import type { ServerReport } from './infra';
import type { InfraPlan } from './profiles';

const RUNNING_STATES = new Set(['started', 'already running', 'running', 'answering, not ours']);

export function allRunning(reports: readonly ServerReport[]): boolean {
  return reports.every((report) => RUNNING_STATES.has(report.state));
}

/** A few aligned lines: what runs where, with its pid and log, then the env to use it. */
export function formatReport(plan: InfraPlan, action: string, reports: readonly ServerReport[]) {
  // Paths inside the repository read best relative to it; others (a test's tmp dir) absolute.
  const show = (path: string) => {
    const inside = relative(plan.root, path);
    return inside.startsWith('..') || isAbsolute(inside) ? path : inside || '.';
  };
  const lines = [`local-infra ${action} (profile ${plan.profile}, data ${show(plan.dataDir)})`];
  for (const report of reports) {
    const pid = report.pid === undefined ? '' : `pid ${report.pid}`;
    lines.push(
      `  ${report.name.padEnd(12)} ${report.state.padEnd(19)} ${pid.padEnd(11)} ${report.urls.join('  ')}`,
    );
    const binary = report.binary ? `  binary ${show(report.binary)}` : '';
    lines.push(`  ${''.padEnd(12)} log ${show(report.files.logFile)}${binary}`);
  }
  if (allRunning(reports)) {
    lines.push(`  env: NATS_URL=${plan.natsUrl} MONGO_URL=${plan.mongoUrl}`);
  }
  return lines.join('\n');
}
