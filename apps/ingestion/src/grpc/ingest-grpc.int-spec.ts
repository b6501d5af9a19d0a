import { credentials, Client, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import type { INestApplication } from '@nestjs/common';
import {
  CallAcceptedMessage,
  callsOfMessage,
  partitionKeyOf,
  partitionOf,
} from '@meridian/contracts';
import { createTestNamespace, type TestNamespace } from '@meridian/test-fixtures';
import { WriteKeyService } from '@meridian/workspaces';
import { loadIngestionConfig } from '../config';
import { createIngestionApp } from '../create-app';
import { IngestGrpcServer, ingestMethod, REASON_CODE_METADATA } from './index';

const PARTITIONS = 4;
const WRITE_KEY = 'grpc-spec-key';

interface Answer {
  readonly reply?: { messageId?: string; [field: string]: unknown };
  readonly error?: ServiceError;
}

/** A real @grpc/grpc-js client of IngestService on one ingestion instance. */
class IngestClient {
  private readonly client: Client;

  constructor(port: number) {
    this.client = new Client(`127.0.0.1:${port}`, credentials.createInsecure());
  }

  unary(method: 'Track' | 'Identify', request: unknown, metadata = new Metadata()) {
    const { path, requestSerialize, responseDeserialize } = ingestMethod(method);
    return new Promise<Answer>((resolve) => {
      this.client.makeUnaryRequest(
        path,
        requestSerialize,
        responseDeserialize,
        request,
        metadata,
        (error, reply) => resolve(error ? { error } : { reply: reply as Answer['reply'] }),
      );
    });
  }

  batch(items: readonly unknown[], metadata = new Metadata()) {
    const { path, requestSerialize, responseDeserialize } = ingestMethod('Batch');
    return new Promise<Answer>((resolve) => {
      const stream = this.client.makeClientStreamRequest(
        path,
        requestSerialize,
        responseDeserialize,
        metadata,
        (error, reply) => resolve(error ? { error } : { reply: reply as Answer['reply'] }),
      );
      for (const item of items) stream.write(item);
      stream.end();
    });
  }

  close(): void {
    this.client.close();
  }
}

/**
 * `grpcOnly` starts the gRPC server without the app's JetStream consumers: on a namespace
 * without streams the consumers refuse to start, by design, while the gRPC server must still
 * answer (UNAVAILABLE).
 */
async function startIngestion(
  namespace: TestNamespace,
  env: Record<string, string> = {},
  { grpcOnly = false } = {},
) {
  const config = loadIngestionConfig(
    namespace.env({ GRPC_PORT: '0', LOG_LEVEL: 'silent', ...env }),
  );
  const app = await createIngestionApp(config);
  if (grpcOnly) {
    await app.init();
    await app.get(IngestGrpcServer).start();
  } else {
    await app.startAllMicroservices();
  }
  await app.get(WriteKeyService).seedWorkspace({
    workspaceId: 'ws_grpc',
    sourceId: 'src_grpc',
    writeKey: WRITE_KEY,
  });
  return { app, client: new IngestClient(app.get(IngestGrpcServer).port) };
}

const text = (value: string) => ({ stringValue: value });
const bearer = (key: string) => {
  const metadata = new Metadata();
  metadata.set('authorization', `Bearer ${key}`);
  return metadata;
};

describe('the gRPC IngestService on real NATS and FerretDB', () => {
  let namespace: TestNamespace;
  let app: INestApplication;
  let client: IngestClient;

  beforeAll(async () => {
    namespace = await createTestNamespace({ label: 'grpc', partitions: PARTITIONS });
    ({ app, client } = await startIngestion(namespace));
  });

  afterAll(async () => {
    client?.close();
    await app?.close();
    await namespace?.dispose();
  });

  async function storedCalls(messageId: string) {
    return (await namespace.readStream('INGEST'))
      .flatMap((stored) =>
        callsOfMessage(CallAcceptedMessage.parse(stored.body)).map((event) => ({
          subject: stored.subject,
          event,
        })),
      )
      .filter(({ event }) => event.payload.call.messageId === messageId);
  }

  it('answers Track only once the call is on the subject of its partition', async () => {
    const { reply, error } = await client.unary('Track', {
      header: {
        writeKey: WRITE_KEY,
        messageId: 'grpc-track-1',
        userId: 'user-t',
        timestamp: '2026-01-01T10:00:00.000Z',
        context: { fields: { locale: text('de-DE') } },
      },
      event: 'Order Completed',
      properties: { fields: { total: { numberValue: 19.5 }, coupon: { nullValue: 0 } } },
    });

    expect(error).toBeUndefined();
    expect(reply).toEqual({ success: true, messageId: 'grpc-track-1' });
    const [stored, ...others] = await storedCalls('grpc-track-1');
    expect(others).toHaveLength(0);
    const partition = partitionOf(partitionKeyOf({ userId: 'user-t' }), PARTITIONS);
    expect(stored?.subject).toBe(`${namespace.name}.ingest.${partition}`);
    expect(stored?.event).toMatchObject({
      workspaceId: 'ws_grpc',
      payload: {
        partition,
        sourceId: 'src_grpc',
        call: {
          type: 'track',
          userId: 'user-t',
          event: 'Order Completed',
          properties: { total: 19.5, coupon: null },
          originalTimestamp: '2026-01-01T10:00:00.000Z',
          context: { locale: 'de-DE', ip: '127.0.0.1' },
        },
      },
    });
  });

  it('accepts Identify with traits, the write key as a Bearer token in the metadata', async () => {
    const { reply, error } = await client.unary(
      'Identify',
      {
        header: { messageId: 'grpc-identify-1', anonymousId: 'anon-i' },
        traits: {
          fields: {
            plan: text('pro'),
            seats: { numberValue: 3 },
            address: { structValue: { fields: { city: text('Berlin') } } },
            tags: { listValue: { values: [text('a'), text('b')] } },
          },
        },
      },
      bearer(WRITE_KEY),
    );

    expect(error).toBeUndefined();
    expect(reply).toEqual({ success: true, messageId: 'grpc-identify-1' });
    const [stored] = await storedCalls('grpc-identify-1');
    expect(stored?.event.payload.call).toMatchObject({
      type: 'identify',
      anonymousId: 'anon-i',
      traits: { plan: 'pro', seats: 3, address: { city: 'Berlin' }, tags: ['a', 'b'] },
    });
  });

  it('accepts the write key as Basic auth in the metadata, as Segment SDKs send it', async () => {
    const metadata = new Metadata();
    metadata.set('authorization', `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`);
    const { reply } = await client.unary(
      'Track',
      { header: { messageId: 'grpc-basic', userId: 'user-basic' }, event: 'E' },
      metadata,
    );

    expect(reply).toEqual({ success: true, messageId: 'grpc-basic' });
    expect(await storedCalls('grpc-basic')).toHaveLength(1);
  });

  it('names the messageId it made for a call sent without one', async () => {
    const { reply } = await client.unary('Track', {
      header: { writeKey: WRITE_KEY, userId: 'user-n' },
      event: 'No Id',
    });

    expect(reply?.messageId).toEqual(expect.any(String));
    expect(await storedCalls(String(reply?.messageId))).toHaveLength(1);
  });

  it('refuses a Track without identity with INVALID_ARGUMENT and MISSING_IDENTITY', async () => {
    const { error } = await client.unary('Track', {
      header: { writeKey: WRITE_KEY, messageId: 'grpc-no-identity' },
      event: 'E',
    });

    expect(error?.code).toBe(status.INVALID_ARGUMENT);
    expect(error?.details).toMatch(/^MISSING_IDENTITY: /);
    expect(error?.metadata.get(REASON_CODE_METADATA)).toEqual(['MISSING_IDENTITY']);
    expect(await storedCalls('grpc-no-identity')).toHaveLength(0);
  });

  it.each([
    ['an unknown write key in the header', { writeKey: 'wrong' }, new Metadata()],
    ['an unknown Bearer token', {}, bearer('wrong')],
    ['no write key at all', {}, new Metadata()],
    ['a header and metadata naming different keys', { writeKey: WRITE_KEY }, bearer('other')],
  ])('refuses %s with UNAUTHENTICATED', async (_, header, metadata) => {
    const { error } = await client.unary(
      'Track',
      { header: { ...header, userId: 'u', messageId: 'grpc-bad-key' }, event: 'E' },
      metadata,
    );

    expect(error?.code).toBe(status.UNAUTHENTICATED);
    expect(error?.metadata.get(REASON_CODE_METADATA)).toEqual(['INVALID_WRITE_KEY']);
    expect(await storedCalls('grpc-bad-key')).toHaveLength(0);
  });

  it('accepts the valid calls of a Batch and lists the refused one by index', async () => {
    const header = (messageId: string, userId?: string) => ({
      writeKey: WRITE_KEY,
      messageId,
      ...(userId ? { userId } : {}),
    });
    const { reply, error } = await client.batch([
      { track: { header: header('grpc-batch-0', 'user-b0'), event: 'First' } },
      { track: { header: header('grpc-batch-1'), event: 'No Identity' } },
      { identify: { header: header('grpc-batch-2', 'user-b2'), traits: { fields: {} } } },
      { track: { header: header('grpc-batch-3', 'user-b3'), event: 'Last' } },
    ]);

    expect(error).toBeUndefined();
    expect(reply).toEqual({
      accepted: 3,
      refused: [{ index: 1, reason: 'MISSING_IDENTITY', message: expect.any(String) }],
    });
    for (const messageId of ['grpc-batch-0', 'grpc-batch-2', 'grpc-batch-3']) {
      expect(await storedCalls(messageId)).toHaveLength(1);
    }
    expect(await storedCalls('grpc-batch-1')).toHaveLength(0);
  });

  it('refuses a Batch of more than 2,500 calls whole with TOO_MANY_EVENTS', async () => {
    const item = { track: { header: { userId: 'u' }, event: 'E' } };
    const { error } = await client.batch(
      Array.from({ length: 2_501 }, () => item),
      bearer(WRITE_KEY),
    );

    expect(error?.code).toBe(status.INVALID_ARGUMENT);
    expect(error?.metadata.get(REASON_CODE_METADATA)).toEqual(['TOO_MANY_EVENTS']);
  });

  it('refuses a Batch whose calls name different write keys with UNAUTHENTICATED', async () => {
    const { error } = await client.batch([
      { track: { header: { writeKey: WRITE_KEY, userId: 'u' }, event: 'E' } },
      { track: { header: { writeKey: 'other', userId: 'u' }, event: 'E' } },
    ]);

    expect(error?.code).toBe(status.UNAUTHENTICATED);
  });
});

describe('the gRPC IngestService when it cannot take the calls', () => {
  it('answers RESOURCE_EXHAUSTED with retry-after once the burst is spent', async () => {
    const namespace = await createTestNamespace({ label: 'grpc-rate', partitions: 2 });
    const { app, client } = await startIngestion(namespace, {
      INGEST_RATE_LIMIT_BURST: '3',
      INGEST_RATE_LIMIT_PER_SECOND: '1',
    });
    try {
      const item = { track: { header: { userId: 'u' }, event: 'E' } };
      const spent = await client.batch([item, item, item], bearer(WRITE_KEY));
      const { error } = await client.batch([item, item], bearer(WRITE_KEY));

      expect(spent.reply).toEqual({ accepted: 3 });
      expect(error?.code).toBe(status.RESOURCE_EXHAUSTED);
      expect(error?.metadata.get(REASON_CODE_METADATA)).toEqual(['RATE_LIMITED']);
      expect(error?.metadata.get('retry-after')).toEqual([expect.stringMatching(/^\d+$/)]);
    } finally {
      client.close();
      await app.close();
      await namespace.dispose();
    }
  });

  it('answers UNAVAILABLE with retry-after on a namespace without streams', async () => {
    const namespace = await createTestNamespace({
      label: 'grpc-nostream',
      partitions: 2,
      provision: false,
    });
    const { app, client } = await startIngestion(namespace, {}, { grpcOnly: true });
    try {
      const { error } = await client.unary(
        'Track',
        { header: { userId: 'u' }, event: 'E' },
        bearer(WRITE_KEY),
      );

      expect(error?.code).toBe(status.UNAVAILABLE);
      expect(error?.metadata.get(REASON_CODE_METADATA)).toEqual(['STREAM_UNAVAILABLE']);
      expect(error?.metadata.get('retry-after')).toEqual(['5']);
    } finally {
      client.close();
      await app.close();
      await namespace.dispose();
    }
  });

  it('stops answering once the app is closed', async () => {
    const namespace = await createTestNamespace({ label: 'grpc-close', partitions: 2 });
    const { app, client } = await startIngestion(namespace);
    try {
      await app.close();
      const { error } = await client.unary(
        'Track',
        { header: { userId: 'u' }, event: 'E' },
        bearer(WRITE_KEY),
      );

      expect(error?.code).toBe(status.UNAVAILABLE);
      expect(error?.metadata.get(REASON_CODE_METADATA)).toEqual([]);
    } finally {
      client.close();
      await namespace.dispose();
    }
  });
});
