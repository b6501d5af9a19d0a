import type { Measurement } from '../benchmark';
import { ratePerSecond } from '../stats';

/**
 * Watching identity resolve the load: how many calls it has resolved (events.resolved in the
 * EVENTS stream, one per applied call) and how much CPU its processes have used, read every few
 * milliseconds; the measured window starts after the warm-up and ends after the duration or at
 * the last resolution, whichever comes first.
 */

export interface ResolutionSample {
  /** performance.now() when the sample was taken. */
  readonly atMs: number;
  /** Calls resolved so far. */
  readonly resolved: number;
  /** CPU time (user + system) identity's processes have used so far; null where unreadable. */
  readonly cpuMicros: number | null;
}

export interface ResolutionWindow {
  readonly from: ResolutionSample;
  readonly to: ResolutionSample;
  /** True when the window ended because every call was resolved. */
  readonly drained: boolean;
}

export interface ResolutionWatch {
  readonly sample: () => Promise<ResolutionSample>;
  /** Called with every sample, before the next sleep: the feeder tops up the backlog here. */
  readonly onSample: (sample: ResolutionSample) => Promise<void>;
  readonly sleep: (ms: number) => Promise<void>;
  /** Calls of the whole load: all resolved means drained. */
  readonly total: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly intervalMs: number;
}

/** Samples until the warm-up is over, then until the duration is over or every call resolved. */
export async function watchResolution(watch: ResolutionWatch): Promise<ResolutionWindow> {
  const next = async () => {
    await watch.sleep(watch.intervalMs);
    const sample = await watch.sample();
    await watch.onSample(sample);
    return sample;
  };
  const first = await watch.sample();
  await watch.onSample(first);
  let from = first;
  while (from.atMs < first.atMs + watch.warmupMs) {
    if (from.resolved >= watch.total)
      throw new Error(
        `all ${watch.total} events were handled during the ${watch.warmupMs} ms warm-up: ` +
          'the load is too small for this machine or the warm-up too long',
      );
    from = await next();
  }
  let to = from;
  while (to.resolved < watch.total && to.atMs < from.atMs + watch.durationMs) to = await next();
  return { from, to, drained: to.resolved >= watch.total };
}

export interface IdentityThroughput {
  /** Calls resolved inside the measured window. */
  readonly events: number;
  readonly measuredMs: number;
  readonly eventsPerSecond: number;
  /** CPU time identity used per resolved call in the window; null where unreadable. */
  readonly cpuMicrosPerEvent: number | null;
  /**
   * CPU time identity used in the window as a share of one core (all its processes together);
   * far below 100 % means it spends its time waiting, on the store or the bus.
   */
  readonly cpuPercentOfCore: number | null;
  readonly drained: boolean;
}

/** The rate of the window; `service` names the processes watched (their log, in an error). */
export function throughputOf(window: ResolutionWindow, service = 'identity'): IdentityThroughput {
  const { from, to } = window;
  const events = to.resolved - from.resolved;
  if (events <= 0)
    throw new Error(
      `${service} handled no event in the ${Math.round(to.atMs - from.atMs)} ms measured window ` +
        `(${to.resolved} in all); its log is under .data/test-logs/<namespace>-${service}.log`,
    );
  const measuredMs = to.atMs - from.atMs;
  const cpuMicros =
    from.cpuMicros === null || to.cpuMicros === null ? null : to.cpuMicros - from.cpuMicros;
  return {
    events,
    measuredMs,
    eventsPerSecond: ratePerSecond(events, measuredMs),
    cpuMicrosPerEvent: cpuMicros === null ? null : cpuMicros / events,
    cpuPercentOfCore: cpuMicros === null ? null : cpuMicros / measuredMs / 10,
    drained: window.drained,
  };
}

/**
 * The rows every service throughput benchmark reports for its measured window, in `group`;
 * `eventsLabel` names what was counted ("calls measured", "events measured").
 */
export function throughputMeasurements(
  group: string,
  throughput: IdentityThroughput,
  eventsLabel: string,
): Measurement[] {
  const row = (label: string, value: number | null, unit = '') => ({
    group,
    label,
    value: value ?? Number.NaN,
    unit,
  });
  return [
    row('events/s', throughput.eventsPerSecond),
    row(eventsLabel, throughput.events),
    row('measured', throughput.measuredMs / 1000, 's'),
    row('CPU per event', throughput.cpuMicrosPerEvent, 'µs'),
    row('CPU', throughput.cpuPercentOfCore, '% of a core'),
  ];
}
