/** What a readiness probe asks of a dependency: a name and a check that throws when it is down. */
export interface HealthIndicator {
  readonly name: string;
  check(): Promise<void>;
}

export interface HealthCheckable {
  checkHealth(): Promise<void>;
}

/** Ready when the NATS connection is up and JetStream answers an account-info request. */
export class NatsHealthIndicator implements HealthIndicator {
  readonly name = 'nats';

  constructor(private readonly client: HealthCheckable) {}

  async check(): Promise<void> {
    await this.client.checkHealth();
  }
}
