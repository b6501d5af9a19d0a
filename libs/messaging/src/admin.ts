import type { JetStreamManager } from '@nats-io/jetstream';
import { NatsClient } from './connection';

/** A short-lived JetStream management connection for tools (provisioning, test set-up). */
export interface JetStreamAdmin {
  readonly jsm: JetStreamManager;
  close(): Promise<void>;
}

export async function connectJetStreamAdmin(
  natsUrl: string,
  name = 'meridian-admin',
): Promise<JetStreamAdmin> {
  const client = new NatsClient({ natsUrl, serviceName: name });
  await client.connect();
  return { jsm: client.manager, close: () => client.drain() };
}
