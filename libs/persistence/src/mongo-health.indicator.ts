import { Injectable } from '@nestjs/common';
import type { Database } from './driver-types';
import { InjectDatabase } from './tokens';

/**
 * Readiness check for the database: a ping. It has the shape of observability's
 * HealthIndicator ({ name, check() }) without importing it, so data-access stays free of
 * the util lib; pass the class to ObservabilityModule.forRoot({ healthIndicators }).
 */
@Injectable()
export class MongoHealthIndicator {
  readonly name = 'mongodb';

  constructor(@InjectDatabase() private readonly db: Database) {}

  async check(): Promise<void> {
    await this.db.command({ ping: 1 });
  }
}
