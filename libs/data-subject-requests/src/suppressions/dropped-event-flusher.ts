import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DROP_COUNT_FLUSH_MS, type DroppedEventCounter } from './dropped-event-counter';

/**
 * Flushes the dropped-event counts every second while the app runs, and once more when it
 * closes (onModuleDestroy runs before the database connection closes at shutdown).
 */
export class DroppedEventFlusher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DroppedEventFlusher.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly counter: DroppedEventCounter,
    private readonly intervalMs = DROP_COUNT_FLUSH_MS,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.counter.flush().catch((error: unknown) => {
        this.logger.error('flushing dropped-event counts failed', describe(error));
      });
    }, this.intervalMs);
    // Never the reason a process stays alive.
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.counter.flush();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
