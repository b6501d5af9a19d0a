import { cpus, loadavg, totalmem } from 'node:os';
import type { BenchResult, TargetCheck } from './benchmark';

export interface Machine {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGb: number;
  readonly node: string;
  readonly platform: string;
  /** 1-minute load average when the benchmark started: other work skews the figures. */
  readonly loadAverage: number;
}

export function describeMachine(): Machine {
  const all = cpus();
  return {
    cpus: all.length,
    cpuModel: all[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverage: loadavg()[0] ?? 0,
  };
}

/** Thousands separated, so 18234.5 reads "18,235", 0.734 reads "0.73" and a count stays whole. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const size = Math.abs(value);
  const digits = Number.isInteger(value) || size >= 100 ? 0 : size >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

function targetLine(target: TargetCheck): string {
  return `${target.name} ≥ ${formatNumber(target.atLeast)}: ${formatNumber(target.actual)} — ${target.met ? 'met' : 'NOT MET'}`;
}

/** The human-readable result: a table of the figures, then the targets met or not. */
export function formatTable(result: BenchResult, machine: Machine, date: Date): string[] {
  const rows = result.measurements.map((m) => ({
    group: m.group,
    label: m.label,
    value: formatNumber(m.value),
    unit: m.unit,
  }));
  const width = (pick: (row: (typeof rows)[number]) => string) =>
    Math.max(0, ...rows.map((row) => pick(row).length));
  const groupWidth = width((row) => row.group);
  const labelWidth = width((row) => row.label);
  const valueWidth = width((row) => row.value);
  let previousGroup = '';
  const table = rows.map((row) => {
    const group = row.group === previousGroup ? '' : row.group;
    previousGroup = row.group;
    return `  ${group.padEnd(groupWidth)}  ${row.label.padEnd(labelWidth)}  ${row.value.padStart(valueWidth)} ${row.unit}`.trimEnd();
  });
  return [
    `${result.benchmark} benchmark, ${date.toISOString()}`,
    `machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGb} GB, node ${machine.node}, ${machine.platform}, ` +
      `load average ${machine.loadAverage.toFixed(2)} at the start`,
    `setup: ${result.setup}`,
    '',
    ...table,
    '',
    'targets:',
    ...result.targets.map((target) => `  ${targetLine(target)}`),
    ...(result.notes.length > 0 ? ['', 'notes:', ...result.notes.map((note) => `  ${note}`)] : []),
  ];
}

/** The machine-readable result for --json. */
export function jsonReport(result: BenchResult, machine: Machine, date: Date) {
  return {
    benchmark: result.benchmark,
    date: date.toISOString(),
    machine,
    setup: result.setup,
    measurements: result.measurements,
    targets: result.targets,
    allTargetsMet: result.targets.every((target) => target.met),
    notes: result.notes,
    details: result.details,
  };
}
