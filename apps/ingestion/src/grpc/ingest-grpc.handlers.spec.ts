import { EventEmitter } from 'node:events';
import { Metadata, status, type StatusObject } from '@grpc/grpc-js';
import { IngestRejection, MAX_BATCH_BYTES, type IngestRequest } from '../ingest';
import { IngestGrpcHandlers } from './ingest-grpc.handlers';

type Answer = { error: Partial<StatusObject> | null; reply: unknown };
type Handler = (call: unknown, callback: (error: Answer['error'], reply: unknown) => void) => void;
type Implementation = Record<string, Handler>;

function implementationOf(handlers: IngestGrpcHandlers): Implementation {
  return handlers.implementation() as unknown as Implementation;
}

function method(implementation: Implementation, name: string): Handler {
  const handler = implementation[name];
  if (!handler) throw new Error(`no handler ${name}`);
  return handler;
}

/** IngestService doubles: they record the requests and answer as configured. */
function handlersWith(
  answer: { refused?: { index: number; code: string; message: string }[] } = {},
) {
  const requests: { kind: string; type?: string; request: IngestRequest }[] = [];
  const ingest = {
    ingestCall: jest.fn(async (type: string, request: IngestRequest) => {
      requests.push({ kind: 'call', type, request });
    }),
    ingestBatch: jest.fn(async (request: IngestRequest) => {
      requests.push({ kind: 'batch', request });
      return { refused: answer.refused ?? [] };
    }),
  };
  const implementation = implementationOf(
    new IngestGrpcHandlers({
      ingest: ingest as never,
      metrics: { startTimer: () => () => undefined },
      logger: { error: jest.fn() },
    }),
  );
  return { implementation, requests };
}

function metadataWith(authorization?: string): Metadata {
  const metadata = new Metadata();
  if (authorization) metadata.set('authorization', authorization);
  return metadata;
}

function callUnary(
  implementation: Implementation,
  name: string,
  request: unknown,
  metadata = metadataWith(),
) {
  return new Promise<{ error: Partial<StatusObject> | null; reply: unknown }>((resolve) => {
    method(implementation, name)(
      { request, metadata, getPeer: () => '127.0.0.1:4000' },
      (error: Partial<StatusObject> | null, reply: unknown) => resolve({ error, reply }),
    );
  });
}

function callBatch(implementation: Implementation, items: unknown[], metadata = metadataWith()) {
  const stream = Object.assign(new EventEmitter(), { metadata, getPeer: () => '127.0.0.1:4000' });
  const answered = new Promise<{ error: Partial<StatusObject> | null; reply: unknown }>(
    (resolve) => {
      method(implementation, 'Batch')(
        stream,
        (error: Partial<StatusObject> | null, reply: unknown) => resolve({ error, reply }),
      );
    },
  );
  for (const item of items) stream.emit('data', item);
  stream.emit('end');
  return answered;
}

describe('IngestGrpcHandlers', () => {
  it('hands a Track to the HTTP path with the header key in the body and the metadata as Authorization', async () => {
    const { implementation, requests } = handlersWith();

    const { error, reply } = await callUnary(
      implementation,
      'Track',
      { header: { writeKey: 'k', messageId: 'm', userId: 'u' }, event: 'E' },
      metadataWith('Bearer k'),
    );

    expect(error).toBeNull();
    expect(reply).toEqual({ success: true, messageId: 'm' });
    expect(requests).toEqual([
      {
        kind: 'call',
        type: 'track',
        request: {
          body: { writeKey: 'k', messageId: 'm', userId: 'u', event: 'E' },
          authorization: 'Bearer k',
          clientIp: '127.0.0.1',
        },
      },
    ]);
  });

  it('refuses a call over 32 KB with EVENT_TOO_LARGE without ingesting it', async () => {
    const { implementation, requests } = handlersWith();
    const properties = { fields: { blob: { stringValue: 'x'.repeat(40_000) } } };

    const { error } = await callUnary(implementation, 'Track', {
      header: { userId: 'u' },
      event: 'E',
      properties,
    });

    expect(error).toMatchObject({ code: status.INVALID_ARGUMENT });
    expect(error?.metadata?.get('meridian-reason-code')).toEqual(['EVENT_TOO_LARGE']);
    expect(requests).toHaveLength(0);
  });

  it('answers a refusal of the ingest path with its status', async () => {
    const rejecting = implementationOf(
      new IngestGrpcHandlers({
        ingest: {
          ingestCall: async () => {
            throw new IngestRejection('INVALID_WRITE_KEY', 'unknown');
          },
          ingestBatch: async () => ({ refused: [] }),
        },
        metrics: { startTimer: () => () => undefined },
        logger: { error: jest.fn() },
      }),
    );

    const { error } = await callUnary(rejecting, 'Identify', { header: { userId: 'u' } });

    expect(error).toMatchObject({
      code: status.UNAUTHENTICATED,
      details: 'INVALID_WRITE_KEY: unknown',
    });
  });

  it('sends the streamed items as one HTTP batch and counts the accepted ones', async () => {
    const { implementation, requests } = handlersWith({
      refused: [{ index: 1, code: 'MISSING_EVENT', message: 'no event' }],
    });

    const { error, reply } = await callBatch(implementation, [
      { track: { header: { writeKey: 'k', userId: 'u' }, event: 'E' } },
      { track: { header: { writeKey: 'k', userId: 'u' } } },
      { identify: { header: { userId: 'v' } } },
    ]);

    expect(error).toBeNull();
    expect(reply).toEqual({
      accepted: 2,
      refused: [{ index: 1, reason: 'MISSING_EVENT', message: 'no event' }],
    });
    expect(requests[0]?.request.body).toEqual({
      writeKey: 'k',
      batch: [
        { type: 'track', userId: 'u', event: 'E' },
        { type: 'track', userId: 'u' },
        { type: 'identify', userId: 'v' },
      ],
    });
  });

  it('refuses a stream past the batch request size with BATCH_TOO_LARGE, ingesting nothing', async () => {
    const { implementation, requests } = handlersWith();
    const big = { fields: { blob: { stringValue: 'x'.repeat(30_000) } } };
    const items = Array.from({ length: Math.ceil(MAX_BATCH_BYTES / 30_000) + 1 }, () => ({
      track: { header: { userId: 'u' }, event: 'E', properties: big },
    }));

    const { error } = await callBatch(implementation, items);

    expect(error).toMatchObject({ code: status.INVALID_ARGUMENT });
    expect(error?.metadata?.get('meridian-reason-code')).toEqual(['BATCH_TOO_LARGE']);
    expect(requests).toHaveLength(0);
  });

  it('logs and answers INTERNAL when the ingest path fails unexpectedly', async () => {
    const logger = { error: jest.fn() };
    const failing = implementationOf(
      new IngestGrpcHandlers({
        ingest: {
          ingestCall: async () => {
            throw new Error('boom');
          },
          ingestBatch: async () => ({ refused: [] }),
        },
        metrics: { startTimer: () => () => undefined },
        logger,
      }),
    );

    const { error } = await callUnary(failing, 'Track', { header: { userId: 'u' }, event: 'E' });

    expect(error).toMatchObject({ code: status.INTERNAL });
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('boom'));
  });
});
