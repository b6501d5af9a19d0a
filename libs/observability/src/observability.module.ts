import {
  Controller,
  Get,
  Header,
  HttpException,
  HttpStatus,
  Inject,
  Module,
  type DynamicModule,
  type InjectionToken,
  type ModuleMetadata,
} from '@nestjs/common';
import { Registry } from 'prom-client';
import {
  checkReadiness,
  DEFAULT_READINESS_TIMEOUT_MS,
  isHealthIndicator,
  type HealthIndicator,
  type ReadinessReport,
} from './health';
import { MetricsRegistry } from './metrics';

/** Token of the resolved HealthIndicator list. */
export const HEALTH_INDICATORS = Symbol('meridian.observability.health-indicators');
const OBSERVABILITY_OPTIONS = Symbol('meridian.observability.options');

export interface ObservabilityOptions {
  readonly serviceName: string;
  /**
   * Classes or tokens of the app's health indicators, e.g. [NatsHealthIndicator,
   * MongoHealthIndicator]. They are injected, so they must come from a global module
   * (as PersistenceModule.forRoot is) or from one listed in `imports`.
   */
  readonly healthIndicators?: readonly InjectionToken[];
  readonly imports?: ModuleMetadata['imports'];
  /** Per-indicator budget of GET /health/ready. */
  readonly readinessTimeoutMs?: number;
  /** A registry created earlier (in main.ts); otherwise the module creates one. */
  readonly metrics?: MetricsRegistry;
}

@Controller()
class ObservabilityController {
  constructor(
    private readonly metrics: MetricsRegistry,
    @Inject(HEALTH_INDICATORS) private readonly indicators: readonly HealthIndicator[],
    @Inject(OBSERVABILITY_OPTIONS) private readonly options: ObservabilityOptions,
  ) {}

  @Get('metrics')
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  async scrape(): Promise<string> {
    return this.metrics.expose();
  }

  /** Liveness answers as long as the event loop does; dependencies belong to readiness. */
  @Get('health/live')
  live(): { status: 'live'; service: string } {
    return { status: 'live', service: this.options.serviceName };
  }

  @Get('health/ready')
  async ready(): Promise<ReadinessReport> {
    const report = await checkReadiness(
      this.indicators,
      this.options.readinessTimeoutMs ?? DEFAULT_READINESS_TIMEOUT_MS,
    );
    if (report.status !== 'ready') throw new HttpException(report, HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}

@Module({})
export class ObservabilityModule {
  /** GET /metrics, /health/live and /health/ready, and a global MetricsRegistry. */
  static forRoot(options: ObservabilityOptions): DynamicModule {
    const tokens = [...(options.healthIndicators ?? [])];
    return {
      module: ObservabilityModule,
      global: true,
      imports: options.imports ?? [],
      controllers: [ObservabilityController],
      providers: [
        { provide: OBSERVABILITY_OPTIONS, useValue: options },
        {
          provide: MetricsRegistry,
          useFactory: () => options.metrics ?? new MetricsRegistry(options.serviceName),
        },
        {
          provide: HEALTH_INDICATORS,
          useFactory: (...resolved: unknown[]): HealthIndicator[] =>
            resolved.map((indicator, index) => {
              if (!isHealthIndicator(indicator)) {
                throw new Error(
                  `Health indicator ${tokenName(tokens[index])} has no name and check()`,
                );
              }
              return indicator;
            }),
          inject: tokens,
        },
      ],
      exports: [MetricsRegistry, HEALTH_INDICATORS],
    };
  }
}

function tokenName(token: InjectionToken | undefined): string {
  return typeof token === 'function' ? token.name : String(token);
}
