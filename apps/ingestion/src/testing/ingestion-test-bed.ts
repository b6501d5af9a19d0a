import type { INestApplication } from '@nestjs/common';
import {
  CallAcceptedMessage,
  callsOfMessage,
  Namespace,
  type CallAcceptedV1,
} from '@meridian/contracts';
import {
  connectJetStreamAdmin,
  deleteNamespace,
  provisionNamespace,
  type JetStreamAdmin,
} from '@meridian/messaging';
import { dropDatabase } from '@meridian/persistence';
import { WriteKeyService, type SeedWorkspace } from '@meridian/workspaces';
import { loadIngestionConfig } from '../config';
import { createIngestionApp } from '../create-app';

export interface StoredCall {
  readonly subject: string;
  readonly event: CallAcceptedV1;
}

export interface TestBedOptions {
  readonly natsUrl: string;
  readonly mongoUrl: string;
  /** Namespace and database name, from uniqueNamespace. */
  readonly namespace: string;
  readonly partitions: number;
  /** Whether to provision the namespace's streams and buckets; default true. */
  readonly provision?: boolean;
}

export interface IngestionInstance {
  readonly app: INestApplication;
  /** http://127.0.0.1:<port>, no trailing slash. */
  readonly url: string;
}

/**
 * Ingestion instances in this process on one namespace of the real servers, and a look into
 * the namespace's INGEST stream. For integration specs; `close` drops everything it made.
 */
export class IngestionTestBed {
  private readonly instances: IngestionInstance[] = [];

  private constructor(
    readonly options: TestBedOptions,
    readonly admin: JetStreamAdmin,
  ) {}

  static async start(options: TestBedOptions): Promise<IngestionTestBed> {
    const admin = await connectJetStreamAdmin(options.natsUrl, 'ingestion-test-bed');
    if (options.provision !== false) {
      await provisionNamespace({
        jsm: admin.jsm,
        namespace: options.namespace,
        partitions: options.partitions,
      });
    }
    return new IngestionTestBed(options, admin);
  }

  /** Boots one more ingestion app; `env` overrides its configuration. */
  async startInstance(env: Readonly<Record<string, string>> = {}): Promise<IngestionInstance> {
    const config = loadIngestionConfig({
      NATS_URL: this.options.natsUrl,
      MONGO_URL: this.options.mongoUrl,
      MONGO_DB: this.options.namespace,
      MERIDIAN_NAMESPACE: this.options.namespace,
      MERIDIAN_PARTITIONS: String(this.options.partitions),
      LOG_LEVEL: 'silent',
      ...env,
    });
    const app = await createIngestionApp(config);
    await app.listen(0, '127.0.0.1');
    const instance = { app, url: (await app.getUrl()).replace(/\/$/, '') };
    this.instances.push(instance);
    return instance;
  }

  /** Seeds a write key through the workspaces lib of the first instance. */
  async seed(seed: SeedWorkspace): Promise<void> {
    const first = this.instances[0];
    if (first === undefined) throw new Error('start an instance before seeding');
    await first.app.get(WriteKeyService).seedWorkspace(seed);
  }

  /** Every call stored in the namespace's INGEST stream (batches unpacked), with its subject. */
  async storedCalls(): Promise<StoredCall[]> {
    const stream = new Namespace(this.options.namespace).stream('INGEST');
    const { state } = await this.admin.jsm.streams.info(stream);
    const calls: StoredCall[] = [];
    if (state.messages === 0) return calls;
    for (let seq = state.first_seq; seq <= state.last_seq; seq += 1) {
      const message = await this.admin.jsm.streams.getMessage(stream, { seq });
      if (!message) continue;
      for (const event of callsOfMessage(CallAcceptedMessage.parse(message.json()))) {
        calls.push({ subject: message.subject, event });
      }
    }
    return calls;
  }

  async storedWithMessageId(messageId: string): Promise<StoredCall[]> {
    return (await this.storedCalls()).filter(
      (stored) => stored.event.payload.call.messageId === messageId,
    );
  }

  async close(): Promise<void> {
    for (const instance of this.instances.splice(0)) await instance.app.close();
    await deleteNamespace({ jsm: this.admin.jsm, namespace: this.options.namespace });
    await this.admin.close();
    await dropDatabase(this.options.mongoUrl, this.options.namespace);
  }
}

export const basicAuthHeader = (key: string) =>
  `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

/** POSTs JSON (or a prepared body) to an ingestion instance. */
export function postJson(
  url: string,
  body: unknown,
  headers: Readonly<Record<string, string>>,
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });
}
