import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface MetricConfig<Label extends string> {
  readonly name: string;
  readonly help: string;
  readonly labelNames?: readonly Label[];
}

export interface HistogramConfig<Label extends string> extends MetricConfig<Label> {
  /** Upper bounds in the metric's unit; prom-client's defaults suit seconds. */
  readonly buckets?: readonly number[];
}

/**
 * One service's Prometheus registry: Node's default metrics plus the service's own,
 * every series labelled with `service`. Its own Registry rather than prom-client's global
 * one, so several apps in one test process do not collide.
 */
export class MetricsRegistry {
  readonly registry = new Registry();

  constructor(
    readonly serviceName: string,
    options: { readonly defaultMetrics?: boolean } = {},
  ) {
    this.registry.setDefaultLabels({ service: serviceName });
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** A counter; asking twice for the same name returns the same counter. */
  counter<Label extends string = string>(config: MetricConfig<Label>): Counter<Label> {
    const existing = this.registry.getSingleMetric(config.name);
    if (existing instanceof Counter) return existing;
    this.refuseNameClash(config.name, existing);
    return new Counter({
      name: config.name,
      help: config.help,
      labelNames: config.labelNames ?? [],
      registers: [this.registry],
    });
  }

  /** A histogram; asking twice for the same name returns the same histogram. */
  histogram<Label extends string = string>(config: HistogramConfig<Label>): Histogram<Label> {
    const existing = this.registry.getSingleMetric(config.name);
    if (existing instanceof Histogram) return existing;
    this.refuseNameClash(config.name, existing);
    return new Histogram({
      name: config.name,
      help: config.help,
      labelNames: config.labelNames ?? [],
      ...(config.buckets === undefined ? {} : { buckets: [...config.buckets] }),
      registers: [this.registry],
    });
  }

  /** A gauge; asking twice for the same name returns the same gauge. */
  gauge<Label extends string = string>(config: MetricConfig<Label>): Gauge<Label> {
    const existing = this.registry.getSingleMetric(config.name);
    if (existing instanceof Gauge) return existing;
    this.refuseNameClash(config.name, existing);
    return new Gauge({
      name: config.name,
      help: config.help,
      labelNames: config.labelNames ?? [],
      registers: [this.registry],
    });
  }

  /** The exposition text for GET /metrics. */
  async expose(): Promise<string> {
    return this.registry.metrics();
  }

  private refuseNameClash(name: string, existing: unknown): void {
    if (existing !== undefined)
      throw new Error(`Metric "${name}" already exists with another type`);
  }
}
