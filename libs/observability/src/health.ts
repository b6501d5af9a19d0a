/**
 * A dependency the service needs before it can take work (NATS, the database, ...). Apps
 * pass the classes or tokens of their indicators to ObservabilityModule.forRoot; the
 * messaging and persistence libs ship theirs with this shape without importing this lib.
 */
export interface HealthIndicator {
  readonly name: string;
  /** Resolves when the dependency is usable; rejects with the reason otherwise. */
  check(): Promise<void>;
}

export interface IndicatorResult {
  readonly name: string;
  readonly status: 'up' | 'down';
  readonly error?: string;
}

export interface ReadinessReport {
  readonly status: 'ready' | 'not_ready';
  /** Names of the indicators that are down; empty when ready. */
  readonly failing: readonly string[];
  readonly checks: readonly IndicatorResult[];
}

export const DEFAULT_READINESS_TIMEOUT_MS = 2_000;

export function isHealthIndicator(value: unknown): value is HealthIndicator {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof Reflect.get(value, 'name') === 'string' &&
    typeof Reflect.get(value, 'check') === 'function'
  );
}

/**
 * Runs every check at once. A check that has not answered within the timeout counts as
 * down: an orchestrator's readiness probe must get an answer, not hang on a dead socket.
 */
export async function checkReadiness(
  indicators: readonly HealthIndicator[],
  timeoutMs: number = DEFAULT_READINESS_TIMEOUT_MS,
): Promise<ReadinessReport> {
  const checks = await Promise.all(indicators.map((indicator) => runCheck(indicator, timeoutMs)));
  const failing = checks.filter((check) => check.status === 'down').map((check) => check.name);
  return { status: failing.length === 0 ? 'ready' : 'not_ready', failing, checks };
}

async function runCheck(indicator: HealthIndicator, timeoutMs: number): Promise<IndicatorResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([indicator.check(), timeout]);
    return { name: indicator.name, status: 'up' };
  } catch (error) {
    return {
      name: indicator.name,
      status: 'down',
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
}
