import type { SimulationReport, SimulationTarget } from '@meridian/simulator';
import type { Measurement, TargetCheck } from '../benchmark';

/** The simulator's headline figures for the `scoring` benchmark's table. */
export function simulatorMeasurements(report: SimulationReport): Measurement[] {
  const simulator = (label: string, value: number, unit = '') => ({
    group: 'simulator',
    label,
    value,
    unit,
  });
  const policies = report.nba.policies.map((policy) =>
    simulator(`${policy.policy} ÷ oracle reward`, policy.shareOfOracle),
  );
  const propensity = report.propensity.included
    ? [
        simulator('propensity AUC', report.propensity.report.model.auc),
        simulator('oracle AUC', report.propensity.report.oracle.auc),
      ]
    : [];
  const sendTime = report.targets.find((target) => target.name.startsWith('send-time lift'));
  return [
    ...policies,
    ...(sendTime === undefined
      ? []
      : [simulator('send-time lift over random', sendTime.actual * 100, '%')]),
    simulator('best-channel accuracy', report.bestChannel.accuracy * 100, '%'),
    ...propensity,
  ];
}

/**
 * The simulator's targets as benchmark targets. One that sets a ceiling (the AUC gap) is
 * shown as its margin under the ceiling, which must be at least 0.
 */
export function simulatorTargets(report: SimulationReport): TargetCheck[] {
  return report.targets.map((target) => targetCheckOf(target));
}

export function targetCheckOf(target: SimulationTarget): TargetCheck {
  if (target.atMost !== undefined)
    return {
      name: `${target.name} ${target.actual.toFixed(4)} ≤ ${target.atMost}, margin`,
      actual: target.atMost - target.actual,
      atLeast: 0,
      met: target.met,
    };
  return {
    name: target.name,
    actual: target.actual,
    atLeast: target.atLeast ?? 0,
    met: target.met,
  };
}
