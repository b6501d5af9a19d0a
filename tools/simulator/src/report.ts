import type { PropensitySection, SimulationReport, SimulationTarget } from './simulation';

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
const ratio = (value: number) => value.toFixed(3);
const count = (value: number) => Math.round(value).toLocaleString('en-US');

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ');
  return [line(header), ...rows.map(line)].map((text) => `  ${text}`);
}

/** The short human-readable table printed above the JSON report. */
export function formatReport(report: SimulationReport): string {
  const { nba, sendTime, bestChannel } = report;
  const decisions = nba.policies[0]?.decisions ?? 0;
  return [
    `Meridian simulator: seed ${report.seed}, ${count(report.customers)} customers`,
    '',
    `Next best action: ${nba.actions} actions, ${nba.dimension} context coordinates, ` +
      `${count(decisions)} decisions over ${nba.config.days} days, ` +
      `${nba.config.attributionWindowHours} h attribution window, clicks after ${nba.config.meanClickDelayHours} h on average`,
    ...table(
      ['policy', 'expected clicks', 'attributed clicks', '÷ oracle', 'last day ÷ oracle'],
      nba.policies.map((p) => [
        p.policy,
        count(p.expectedClicks),
        count(p.attributedClicks),
        ratio(p.shareOfOracle),
        ratio(p.lastDayShareOfOracle),
      ]),
    ),
    `  best single action in hindsight: ${nba.bestSingleAction.actionId}, ${ratio(nba.bestSingleAction.shareOfOracle)} of the oracle`,
    '',
    `Send time: ${sendTime.config.historyWeeks} weeks of history (${sendTime.meanHistoryEvents.toFixed(1)} events per customer on average, ` +
      `${count(sendTime.populationAnswered)} customers answered by the population), engagement per send`,
    ...table(
      [
        'horizon',
        'model',
        'random hour',
        'population best',
        'oracle',
        'lift vs random',
        'vs population',
      ],
      sendTime.horizons.map((h) => [
        `${h.horizonHours} h`,
        percent(h.model),
        percent(h.random),
        percent(h.populationBest),
        percent(h.oracle),
        percent(h.liftOverRandom),
        percent(h.liftOverPopulationBest),
      ]),
    ),
    '',
    `Best channel: accuracy ${percent(bestChannel.accuracy)} against the true best reachable channel ` +
      `(fixed ${bestChannel.fixedChannel}: ${percent(bestChannel.fixedAccuracy)})`,
    ...table(
      ['rule', 'customers', 'accuracy'],
      (['profile', 'population'] as const).map((rule) => [
        rule,
        count(bestChannel.byRule[rule].customers),
        percent(bestChannel.byRule[rule].accuracy),
      ]),
    ),
    `  engagement per message: model ${percent(bestChannel.engagement.model)}, fixed ${percent(bestChannel.engagement.fixed)}, ` +
      `oracle ${percent(bestChannel.engagement.oracle)}; lift over fixed ${percent(bestChannel.liftOverFixed)}`,
    '',
    propensityLine(report.propensity),
    '',
    'Targets',
    ...report.targets.map(
      (t) => `  ${t.met ? 'met ' : 'MISS'}  ${t.name}: ${ratio(t.actual)} ${bound(t)}`,
    ),
  ].join('\n');
}

function bound(target: SimulationTarget): string {
  return target.atMost === undefined
    ? `(at least ${target.atLeast ?? '?'})`
    : `(at most ${target.atMost})`;
}

function propensityLine(section: PropensitySection): string {
  if (!section.included) return `Propensity: not included, ${section.note}`;
  const { report } = section;
  return (
    `Propensity (${report.windowDays}-day "${report.goal}", ${count(report.holdoutExamples)} holdout observations): ` +
    `model AUC ${ratio(report.model.auc)}, oracle ${ratio(report.oracle.auc)}, gap ${ratio(report.aucGap)}; ` +
    `order-count baseline ${ratio(report.baselineAuc)}`
  );
}
