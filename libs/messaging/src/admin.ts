import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { NatsClient } from './connection';

/** A short-lived JetStream management connection for tools (provisioning, test set-up). */
export interface JetStreamAdmin {
  readonly jsm: JetStreamManager;
  /** What a JetStreamPublisher needs, for tools and specs that publish on this connection. */
  readonly publishing: { readonly jetstream: JetStreamClient; readonly connection: NatsConnection };
  close(): Promise<void>;
}

export async function connectJetStreamAdmin(
  natsUrl: string,
  name = 'meridian-admin',
): Promise<JetStreamAdmin> {
  const client = new NatsClient({ natsUrl, serviceName: name });
  await client.connect();
  return { jsm: client.manager, publishing: client, close: () => client.drain() };
}
