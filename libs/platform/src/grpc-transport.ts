import { Server as GrpcServer, ServerCredentials, type ChannelOptions } from '@grpc/grpc-js';
import type { Logger, OnModuleDestroy } from '@nestjs/common';
import { Server, type CustomTransportStrategy } from '@nestjs/microservices';

export interface GrpcSettings {
  /** GRPC_PORT; 0 picks a free one (specs read it back from `port`). */
  readonly port: number;
  /** How long closing waits for calls in flight before cutting them off. */
  readonly shutdownGraceMs: number;
}

/**
 * A @grpc/grpc-js server as a Nest transport, so it starts with the app's microservices
 * (runService) and closes with the app: closing refuses new calls and lets the ones in flight
 * finish for the grace period before cutting them. A service subclasses it and adds its
 * handlers in `addServices`.
 */
export abstract class GrpcTransport
  extends Server
  implements CustomTransportStrategy, OnModuleDestroy
{
  protected abstract override readonly logger: Logger;
  private server: GrpcServer | undefined;
  private boundPort: number | undefined;
  private closing: Promise<void> | undefined;

  protected constructor(
    private readonly settings: GrpcSettings,
    /** The served service's name, for logs and errors. */
    private readonly serviceName: string,
    private readonly serverOptions: ChannelOptions = {},
  ) {
    super();
  }

  /** Adds the service's definition and handlers to a new server. */
  protected abstract addServices(server: GrpcServer): void;

  listen(callback: (error?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  /** Binds GRPC_PORT on every interface and starts answering. */
  async start(): Promise<void> {
    if (this.server !== undefined) return;
    const server = new GrpcServer(this.serverOptions);
    this.addServices(server);
    this.boundPort = await bind(server, `0.0.0.0:${this.settings.port}`);
    this.server = server;
    this.closing = undefined;
    this.logger.log(`gRPC ${this.serviceName} listening on port ${this.boundPort}`);
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
    throw new Error(`the gRPC ${this.serviceName} transport has no "${event}" event`);
  }

  unwrap<T>(): T {
    throw new Error(`the gRPC ${this.serviceName} transport does not expose its server`);
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
