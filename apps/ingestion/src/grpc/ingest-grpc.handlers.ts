import type {
  sendUnaryData,
  ServerReadableStream,
  ServerUnaryCall,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import type { LoggerService } from '@nestjs/common';
import {
  IngestRejection,
  MAX_BATCH_BYTES,
  MAX_EVENT_BYTES,
  type IngestRequest,
  type IngestService,
} from '../ingest';
import type { IngestMetrics } from '../ingest/ingest.metrics';
import { batchEntryOf, grpcCallOf, withMessageId, type GrpcCallType } from './grpc-calls';
import { authorizationOf, clientIpOf } from './grpc-request';
import { errorStatus } from './grpc-status';

/** IngestReply and BatchReply of ingest.proto, as proto-loader encodes them. */
export interface IngestReply {
  readonly success: boolean;
  readonly messageId: string;
}
export interface BatchReply {
  readonly accepted: number;
  readonly refused: readonly { index: number; reason: string; message: string }[];
}

export interface IngestGrpcCollaborators {
  readonly ingest: Pick<IngestService, 'ingestCall' | 'ingestBatch'>;
  readonly metrics: Pick<IngestMetrics, 'startTimer'>;
  readonly logger: Pick<LoggerService, 'error'>;
}

type AnyCall = Pick<ServerUnaryCall<unknown, unknown>, 'metadata' | 'getPeer'>;

/**
 * The methods of meridian.ingest.v1.IngestService. They only translate: every call goes
 * through IngestService, the one path of the HTTP API (authenticate, admit, rate limit,
 * deliver), and a reply is sent once the accepted calls are acknowledged by JetStream.
 */
export class IngestGrpcHandlers {
  constructor(private readonly collaborators: IngestGrpcCollaborators) {}

  implementation(): UntypedServiceImplementation {
    return {
      Track: (call: ServerUnaryCall<unknown, IngestReply>, callback: sendUnaryData<IngestReply>) =>
        this.unary('track', call, callback),
      Identify: (
        call: ServerUnaryCall<unknown, IngestReply>,
        callback: sendUnaryData<IngestReply>,
      ) => this.unary('identify', call, callback),
      Batch: (
        call: ServerReadableStream<unknown, BatchReply>,
        callback: sendUnaryData<BatchReply>,
      ) => this.batch(call, callback),
    };
  }

  private unary(
    type: GrpcCallType,
    call: ServerUnaryCall<unknown, IngestReply>,
    callback: sendUnaryData<IngestReply>,
  ): void {
    const finish = this.collaborators.metrics.startTimer(`grpc_${type}`);
    const answer = async (): Promise<IngestReply> => {
      const decoded = withMessageId(grpcCallOf(type, call.request));
      const body = withWriteKey(decoded.raw, decoded.writeKey);
      // The HTTP API refuses a body over 32 KB before reading it; this is the same limit.
      if (jsonBytes(body) > MAX_EVENT_BYTES) {
        throw new IngestRejection(
          'EVENT_TOO_LARGE',
          `a call may be at most ${MAX_EVENT_BYTES} bytes`,
        );
      }
      await this.collaborators.ingest.ingestCall(type, requestOf(call, body));
      return { success: true, messageId: decoded.messageId };
    };
    answer().then(
      (reply) => {
        finish('accepted');
        callback(null, reply);
      },
      (error: unknown) => this.fail(error, finish, callback),
    );
  }

  /**
   * Collects the streamed items into the body of an HTTP batch and ingests it once the client
   * half-closes: the valid calls are accepted (all acknowledged before the reply), the others
   * listed by index.
   */
  private batch(
    call: ServerReadableStream<unknown, BatchReply>,
    callback: sendUnaryData<BatchReply>,
  ): void {
    const finish = this.collaborators.metrics.startTimer('grpc_batch');
    const collector = new BatchCollector();
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      this.fail(error, finish, callback);
    };
    call.on('data', (message: unknown) => {
      if (failed) return;
      try {
        collector.add(message);
      } catch (error) {
        fail(error);
      }
    });
    call.on('error', fail);
    call.on('end', () => {
      if (failed) return;
      this.ingestBatch(call, collector).then((reply) => {
        finish(reply.refused.length === 0 ? 'accepted' : 'partially_refused');
        callback(null, reply);
      }, fail);
    });
  }

  private async ingestBatch(call: AnyCall, collector: BatchCollector): Promise<BatchReply> {
    const body = withWriteKey({ batch: collector.entries }, collector.writeKey());
    const { refused } = await this.collaborators.ingest.ingestBatch(requestOf(call, body));
    return {
      accepted: collector.entries.length - refused.length,
      refused: refused.map(({ index, code, message }) => ({ index, reason: code, message })),
    };
  }

  private fail<T>(error: unknown, finish: (outcome: string) => void, callback: sendUnaryData<T>) {
    finish(error instanceof IngestRejection ? error.code : 'error');
    if (!(error instanceof IngestRejection)) {
      this.collaborators.logger.error(`gRPC ingest call failed: ${describe(error)}`);
    }
    callback(errorStatus(error));
  }
}

/** The streamed items of one Batch call, as the entries of an HTTP batch body. */
class BatchCollector {
  readonly entries: Readonly<Record<string, unknown>>[] = [];
  private readonly writeKeys = new Set<string>();
  private bytes = 0;

  add(message: unknown): void {
    const { entry, writeKey } = batchEntryOf(message);
    // The HTTP API's request limit, counted as the calls arrive rather than once all are in.
    this.bytes += jsonBytes(entry);
    if (this.bytes > MAX_BATCH_BYTES) {
      throw new IngestRejection(
        'BATCH_TOO_LARGE',
        `a batch request may be at most ${MAX_BATCH_BYTES} bytes`,
      );
    }
    this.entries.push(entry);
    if (writeKey !== undefined) this.writeKeys.add(writeKey);
  }

  /**
   * The one write key the items' headers name, if any. A batch is one request with one
   * credential, as in HTTP: headers naming different keys refuse the whole stream.
   */
  writeKey(): string | undefined {
    if (this.writeKeys.size > 1) {
      throw new IngestRejection(
        'INVALID_WRITE_KEY',
        'the calls of a batch carry different write keys',
      );
    }
    return [...this.writeKeys][0];
  }
}

function requestOf(call: AnyCall, body: Readonly<Record<string, unknown>>): IngestRequest {
  return {
    body,
    authorization: authorizationOf(call.metadata),
    clientIp: clientIpOf(call.metadata, call.getPeer()),
  };
}

/** The write key goes where the HTTP API reads it from a body; a conflict is refused there. */
function withWriteKey(
  body: Readonly<Record<string, unknown>>,
  writeKey: string | undefined,
): Readonly<Record<string, unknown>> {
  return writeKey === undefined ? body : { ...body, writeKey };
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
