/** What a propensity experiment simulates, with its defaults filled in by resolveSettings. */
export interface PropensityExperimentOptions {
  readonly seed: number;
  /** Simulated customers (default 3,000). */
  readonly customers?: number;
  /** Days in which profiles are scored (default 150); the last `holdoutDays` are held out. */
  readonly days?: number;
  /** Days at the end whose observations only evaluate the frozen champion (default 30). */
  readonly holdoutDays?: number;
  /** Days simulated before the first score, so profiles have a history (default 60). */
  readonly burnInDays?: number;
}

export type PropensitySettings = Required<PropensityExperimentOptions>;

/** The goal event whose 7-day propensity is learned. */
export const GOAL = 'Order Completed';
export const WINDOW_DAYS = 7;

export function resolveSettings(options: PropensityExperimentOptions): PropensitySettings {
  const settings = {
    seed: options.seed,
    customers: options.customers ?? 3000,
    days: options.days ?? 150,
    holdoutDays: options.holdoutDays ?? 30,
    burnInDays: options.burnInDays ?? 60,
  };
  for (const [name, value] of Object.entries(settings)) {
    if (!Number.isInteger(value)) throw new RangeError(`${name} must be an integer, got ${value}`);
  }
  if (settings.customers < 1) throw new RangeError('customers must be at least 1');
  if (settings.burnInDays < 0) throw new RangeError('burnInDays must not be negative');
  if (settings.holdoutDays < 1 || settings.holdoutDays >= settings.days) {
    throw new RangeError(`holdoutDays must be in [1, days), got ${settings.holdoutDays}`);
  }
  return settings;
}
