import { Server as GrpcServer, ServerCredentials } from '@grpc/grpc-js';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { IngestMetrics, IngestService, MAX_BATCH_BYTES } from '../ingest';
import { IngestGrpcHandlers } from './ingest-grpc.handlers';
import { ingestServiceDefinition } from './ingest-proto';

export interface GrpcSettings {
  /** GRPC_PORT; 0 picks a free one (specs read it back from `port`). */
  readonly port: number;
  /** How long closing waits for calls in flight before cutting them off. */
  readonly shutdownGraceMs: number;
}

export const GRPC_SETTINGS = Symbol('meridian.ingestion.grpc-settings');
const GRPC_TRANSPORT = Symbol('meridian.ingestion.grpc');

/**
 * Serves meridian.ingest.v1.IngestService with @grpc/grpc-js, as a Nest transport so it
 * starts with the app's microservices (runService) and closes with the app. Closing refuses
 * new calls and lets the ones in flight finish, before the NATS connection is drained (the
 * module is destroyed ahead of the platform's), so an accepted call is always acknowledged.
 */
@Injectable()
export class IngestGrpcServer extends Server implements CustomTransportStrategy, OnModuleDestroy {
  override transportId = GRPC_TRANSPORT;
  protected override readonly logger = new Logger(IngestGrpcServer.name);
  private server: GrpcServer | undefined;
  private boundPort: number | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    @Inject(GRPC_SETTINGS) private readonly settings: GrpcSettings,
    private readonly ingest: IngestService,
    private readonly metrics: IngestMetrics,
  ) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  /** Binds GRPC_PORT on every interface and starts answering. */
  async start(): Promise<void> {
    if (this.server !== undefined) return;
    const server = new GrpcServer({ 'grpc.max_receive_message_length': MAX_BATCH_BYTES });
    // The ingest feature's own service: the one path every HTTP call takes too.
    const handlers = new IngestGrpcHandlers({
      ingest: this.ingest,
      metrics: this.metrics,
      logger: this.logger,
    });
    server.addService(ingestServiceDefinition(), handlers.implementation());
    this.boundPort = await bind(server, `0.0.0.0:${this.settings.port}`);
    this.server = server;
    this.closing = undefined;
    this.logger.log(`gRPC IngestService listening on port ${this.boundPort}`);
  }

  /** The port the server listens on; throws before start. */
  get port(): number {
    if (this.boundPort === undefined) throw new Error('the gRPC server is not listening');
    return this.boundPort;
  }

  async onModuleDestroy(): Promise<void> {
    await this.close();
  }

  /** Refuses new calls, waits up to the grace period for those in flight, then cuts them. */
  close(): Promise<void> {
    const server = this.server;
    if (server === undefined) return Promise.resolve();
    this.closing ??= shutDown(server, this.settings.shutdownGraceMs, this.logger).then(() => {
      this.server = undefined;
      this.boundPort = undefined;
    });
    return this.closing;
  }

  on(event: string): never {
    throw new Error(`IngestGrpcServer has no "${event}" event`);
  }

  unwrap<T>(): T {
    throw new Error('IngestGrpcServer does not expose its gRPC server');
  }
}

function bind(server: GrpcServer, address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(address, ServerCredentials.createInsecure(), (error, port) => {
      if (error) reject(error);
      else resolve(port);
    });
  });
}

function shutDown(server: GrpcServer, graceMs: number, logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    const deadline = setTimeout(() => {
      logger.warn(`gRPC calls still running after ${graceMs} ms: cancelling them`);
      server.forceShutdown();
      resolve();
    }, graceMs);
    server.tryShutdown((error) => {
      clearTimeout(deadline);
      if (error) {
        logger.warn(`gRPC graceful shutdown failed (${error.message}): cancelling the calls`);
        server.forceShutdown();
      }
      resolve();
    });
  });
}
