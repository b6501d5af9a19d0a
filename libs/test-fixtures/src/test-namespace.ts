import { Namespace, type StreamKey } from '@meridian/contracts';
import {
  connectJetStreamAdmin,
  deleteNamespace,
  provisionNamespace,
  readStoredMessages,
  type JetStreamAdmin,
  type StoredMessage,
} from '@meridian/messaging';
import { dropDatabase } from '@meridian/persistence';
import {
  cleanupOnce,
  orCleanUp,
  testInfra,
  uniqueNamespace,
  type TestInfra,
} from '@meridian/testing';
import { namespaceEnv } from './namespace-env';

export interface TestNamespaceOptions {
  /** Readable start of the namespace's name, which is also its database's name. */
  readonly label: string;
  /** Number of profile partitions the streams are provisioned for. */
  readonly partitions: number;
  /**
   * false leaves provisioning to the suite, for one that proves another way of provisioning
   * (the end-to-end stack runs the CLI). Default true.
   */
  readonly provision?: boolean;
}

/** A namespace of a suite's own on the test servers: its streams, subjects and database. */
export interface TestNamespace {
  readonly name: string;
  /** Real subject and stream names in this namespace. */
  readonly names: Namespace;
  readonly partitions: number;
  readonly infra: TestInfra;
  /** Open until dispose(). */
  readonly admin: JetStreamAdmin;
  /** The platform environment of a service in this namespace, plus `extra`. */
  env(extra?: Readonly<Record<string, string>>): Record<string, string>;
  /** Every message the namespace's stream holds, oldest first; reading creates no consumer. */
  readStream(key: StreamKey): Promise<StoredMessage[]>;
  /**
   * Deletes the streams, closes the admin connection and drops the database; every step runs
   * even when one fails. Runs once however often it is called, so an afterAll may call it
   * whether or not the rest of the set-up succeeded.
   */
  dispose(): Promise<void>;
}

/**
 * Connects a JetStream admin to the test NATS server and provisions a fresh namespace's
 * streams and consumers. When provisioning fails, what was created is removed before the
 * error is thrown.
 */
export async function createTestNamespace(options: TestNamespaceOptions): Promise<TestNamespace> {
  const infra = testInfra();
  const name = uniqueNamespace(options.label);
  const names = new Namespace(name);
  const admin = await connectJetStreamAdmin(infra.natsUrl, `${name}-test-admin`);
  const dispose = cleanupOnce([
    { what: 'delete the streams', run: () => deleteNamespace({ jsm: admin.jsm, namespace: name }) },
    { what: 'close the admin connection', run: () => admin.close() },
    { what: 'drop the database', run: () => dropDatabase(infra.mongoUrl, name) },
  ]);
  if (options.provision ?? true) {
    await orCleanUp(
      () => provisionNamespace({ jsm: admin.jsm, namespace: name, partitions: options.partitions }),
      dispose,
    );
  }
  const partitions = options.partitions;
  return {
    name,
    names,
    partitions,
    infra,
    admin,
    env: (extra) => namespaceEnv({ name, partitions, infra }, extra),
    readStream: (key) => readStoredMessages(admin.jsm, names.stream(key)),
    dispose,
  };
}
