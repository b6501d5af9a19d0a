import {
  connectJetStreamAdmin,
  deleteNamespace,
  provisionNamespace,
  type JetStreamAdmin,
} from '@meridian/messaging';
import { dropDatabase } from '@meridian/persistence';
import { namespaceEnv } from '@meridian/test-fixtures';
import { freePort, startService, uniqueNamespace, type ServiceHandle } from '@meridian/testing';
import type { BenchInfra } from './ingest/environment';

/**
 * What every benchmark runs against, created for its run only: a namespace of its own (also
 * the database name) with provisioned streams, and the services it starts as child processes
 * on it. dispose() stops them and removes the streams and the database, whatever failed.
 */
export class BenchNamespace {
  readonly name: string;
  private adminConnection?: JetStreamAdmin;
  private databaseCreated = false;
  private services: ServiceHandle[] = [];

  constructor(
    readonly infra: BenchInfra,
    readonly partitions: number,
    /** The namespace's prefix, telling the benchmark's namespaces apart. */
    label: string,
  ) {
    this.name = uniqueNamespace(label);
  }

  get admin(): JetStreamAdmin {
    if (this.adminConnection === undefined) throw new Error('the namespace is not provisioned');
    return this.adminConnection;
  }

  /** The running services' process ids, in start order. */
  get servicePids(): number[] {
    return this.services.map((service) => service.pid);
  }

  async provision(progress: (line: string) => void): Promise<void> {
    progress(`provisioning namespace ${this.name} on ${this.infra.natsUrl}`);
    this.adminConnection = await connectJetStreamAdmin(this.infra.natsUrl, 'meridian-bench');
    await provisionNamespace({
      jsm: this.adminConnection.jsm,
      namespace: this.name,
      partitions: this.partitions,
    });
  }

  /** From now on dispose() drops the database: call it before anything writes there. */
  useDatabase(): void {
    this.databaseCreated = true;
  }

  /**
   * Starts `app` (apps/<app>) on this namespace with free HTTP and gRPC ports and warn-level
   * logs; `env` adds or overrides variables.
   */
  async startApp(
    app: string,
    env: Readonly<Record<string, string>>,
    progress: (line: string) => void,
  ): Promise<ServiceHandle> {
    const port = await freePort();
    progress(`starting ${app} on port ${port}`);
    this.useDatabase();
    const service = await startService({
      app,
      port,
      namespace: this.name,
      env: namespaceEnv(
        { name: this.name, partitions: this.partitions, infra: this.infra },
        { HTTP_PORT: String(port), GRPC_PORT: String(await freePort()), ...env },
      ),
    });
    this.services.push(service);
    return service;
  }

  /** A process the benchmark started itself, to be stopped with the services. */
  track(service: ServiceHandle): void {
    this.services.push(service);
  }

  /** Stops every service started so far (a phase that must not include them). */
  async stopServices(): Promise<void> {
    const services = this.services;
    this.services = [];
    await Promise.all(services.map((service) => service.stop()));
  }

  /** Stops the services, deletes the streams, drops the database; reports every failure. */
  async dispose(): Promise<void> {
    const failures: unknown[] = [];
    const attempt = async (step: () => Promise<unknown>) => {
      try {
        await step();
      } catch (error) {
        failures.push(error);
      }
    };
    await attempt(() => this.stopServices());
    const admin = this.adminConnection;
    if (admin !== undefined) {
      await attempt(() => deleteNamespace({ jsm: admin.jsm, namespace: this.name }));
      await attempt(() => admin.close());
    }
    if (this.databaseCreated) await attempt(() => dropDatabase(this.infra.mongoUrl, this.name));
    if (failures.length > 0)
      throw new AggregateError(failures, `cleaning up namespace ${this.name} failed`);
  }
}
