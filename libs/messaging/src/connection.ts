import { jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { describeError } from './errors';

/** How long JetStream API calls (info, stream message reads, health) may take. */
const API_TIMEOUT_MS = 5_000;

interface Connected {
  readonly nc: NatsConnection;
  readonly jsm: JetStreamManager;
  readonly js: JetStreamClient;
}

export interface NatsClientOptions {
  readonly natsUrl: string;
  readonly serviceName: string;
}

/**
 * The service's one NATS connection: connected when the module initialises (or earlier, when
 * the transport starts first), drained at application shutdown after the transport stopped,
 * so acknowledgements of the last handled messages still reach the server.
 */
export class NatsClient implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(NatsClient.name);
  private connecting?: Promise<Connected>;
  private connected?: Connected;
  private disconnected = false;

  constructor(private readonly options: NatsClientOptions) {}

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.drain();
  }

  /** Connects once; later calls return the same connection. */
  async connect(): Promise<void> {
    // A failed attempt is forgotten so that a later call tries again.
    this.connecting ??= this.open().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    this.connected = await this.connecting;
  }

  get connection(): NatsConnection {
    return this.require().nc;
  }

  get jetstream(): JetStreamClient {
    return this.require().js;
  }

  get manager(): JetStreamManager {
    return this.require().jsm;
  }

  /** Throws when the connection is closed or down, or when JetStream does not answer. */
  async checkHealth(): Promise<void> {
    const { nc, jsm } = this.require();
    if (nc.isClosed()) throw new Error('NATS connection is closed');
    if (this.disconnected)
      throw new Error(`NATS connection to ${this.options.natsUrl} is down (reconnecting)`);
    try {
      await jsm.getAccountInfo();
    } catch (error) {
      throw new Error(`JetStream is not reachable: ${describeError(error)}`, { cause: error });
    }
  }

  async drain(): Promise<void> {
    const nc = this.connected?.nc;
    if (!nc || nc.isClosed()) return;
    try {
      await nc.drain();
    } catch (error) {
      this.logger.error(`draining the NATS connection failed: ${describeError(error)}`);
      await nc.close();
    }
  }

  private require(): Connected {
    if (!this.connected)
      throw new Error('NATS is not connected yet: the JetStream module has not been initialised');
    return this.connected;
  }

  private async open(): Promise<Connected> {
    const { natsUrl, serviceName } = this.options;
    let nc: NatsConnection;
    try {
      // Reconnect forever: a service outliving a NATS restart is better than one that exits.
      nc = await connect({
        servers: natsUrl,
        name: serviceName,
        maxReconnectAttempts: -1,
        ...CONNECTION_TUNING,
      });
    } catch (error) {
      throw new Error(`cannot connect to NATS at ${natsUrl}: ${describeError(error)}`, {
        cause: error,
      });
    }
    try {
      const jsm = await jetstreamManager(nc, { timeout: API_TIMEOUT_MS });
      this.watchStatus(nc);
      return { nc, jsm, js: jsm.jetstream() };
    } catch (error) {
      await nc.close();
      throw new Error(`JetStream is not available on ${natsUrl}: ${describeError(error)}`, {
        cause: error,
      });
    }
  }

  private watchStatus(nc: NatsConnection): void {
    const watch = async () => {
      for await (const status of nc.status()) {
        if (status.type === 'disconnect') {
          this.disconnected = true;
          this.logger.warn(`disconnected from NATS ${status.server}`);
        } else if (status.type === 'reconnect') {
          this.disconnected = false;
          this.logger.log(`reconnected to NATS ${status.server}`);
        }
      }
    };
    watch().catch((error: unknown) =>
      this.logger.error(`NATS status watch ended: ${describeError(error)}`),
    );
  }
}

/**
 * nats.js by default builds a RequestError and a TimeoutError (each capturing a stack) for
 * every request and JetStream publish, so that a later failure can show where it was issued.
 * Under load that was a fifth of ingestion's CPU (profiled with `npm run bench -- ingest`).
 * Our errors carry their own context (subject, stream, operation), so the traces are off.
 */
export const CONNECTION_TUNING = { noAsyncTraces: true } as const;
