import type { Server as GrpcServer } from '@grpc/grpc-js';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { GrpcTransport, type GrpcSettings } from '@meridian/platform';
import { IngestMetrics, IngestService, MAX_BATCH_BYTES } from '../ingest';
import { IngestGrpcHandlers } from './ingest-grpc.handlers';
import { ingestServiceDefinition } from './ingest-proto';

export type { GrpcSettings } from '@meridian/platform';

export const GRPC_SETTINGS = Symbol('meridian.ingestion.grpc-settings');
const GRPC_TRANSPORT = Symbol('meridian.ingestion.grpc');

/**
 * Serves meridian.ingest.v1.IngestService. Closing refuses new calls and lets the ones in
 * flight finish before the NATS connection is drained (the module is destroyed ahead of the
 * platform's), so an accepted call is always acknowledged.
 */
@Injectable()
export class IngestGrpcServer extends GrpcTransport {
  override transportId = GRPC_TRANSPORT;
  protected override readonly logger = new Logger(IngestGrpcServer.name);

  constructor(
    @Inject(GRPC_SETTINGS) settings: GrpcSettings,
    private readonly ingest: IngestService,
    private readonly metrics: IngestMetrics,
  ) {
    super(settings, 'IngestService', { 'grpc.max_receive_message_length': MAX_BATCH_BYTES });
  }

  protected addServices(server: GrpcServer): void {
    // The ingest feature's own service: the one path every HTTP call takes too.
    const handlers = new IngestGrpcHandlers({
      ingest: this.ingest,
      metrics: this.metrics,
      logger: this.logger,
    });
    server.addService(ingestServiceDefinition(), handlers.implementation());
  }
}
