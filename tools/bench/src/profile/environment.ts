import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Namespace } from '@meridian/contracts';
import { JetStreamPublisher, type OutgoingMessage } from '@meridian/messaging';
import { BaseRepository, ensureCollections, openDatabase } from '@meridian/persistence';
import { freePort, startService, waitFor, type ServiceHandle } from '@meridian/testing';
import { AdminKeyRepository, AdminKeyService, workspacesCollections } from '@meridian/workspaces';
import { BenchNamespace } from '../bench-namespace';
import type { BenchInfra } from '../ingest/environment';
import { STATIC_SERVER_ENTRY } from './protocol';
import { BENCH_PROFILE_WORKSPACE } from './seed-calls';

/** Calls published per batch while seeding. */
const SEED_BATCH = 500;
/** Copies inserted at once while filling the profiles collection. */
const COPY_CONCURRENCY = 8;

/** A profile document as identity stored it; the bench reads only its id and workspace. */
interface StoredProfile {
  readonly _id: string;
  readonly workspaceId: string;
  readonly [field: string]: unknown;
}

/**
 * Everything the profile benchmark runs against, created for this run only: a namespace (also
 * the database name) with its streams, a read-only admin key of the bench workspace, one
 * identity process, and later the static-JSON baseline server. dispose() removes all of it.
 */
export class ProfileEnvironment {
  readonly adminKey = `bench-${randomBytes(12).toString('hex')}`;
  private readonly bench: BenchNamespace;
  private identity?: ServiceHandle;
  private readonly scratch = mkdtempSync(join(tmpdir(), 'meridian-bench-profile-'));

  constructor(
    readonly infra: BenchInfra,
    readonly partitions: number,
  ) {
    this.bench = new BenchNamespace(infra, partitions, 'benchprof');
  }

  get namespace(): string {
    return this.bench.name;
  }

  get identityUrl(): string {
    if (this.identity === undefined) throw new Error('identity is not running');
    return this.identity.url;
  }

  get identityPid(): number {
    if (this.identity === undefined) throw new Error('identity is not running');
    return this.identity.pid;
  }

  async start(progress: (line: string) => void): Promise<void> {
    await this.bench.provision(progress);
    this.bench.useDatabase();
    await this.seedAdminKey();
    this.identity = await this.bench.startApp('identity', {}, progress);
  }

  /**
   * Publishes the calls on their ingest subjects and waits until identity has announced
   * `expectedUpdates` profile changes in all (one profile.updated per applied call).
   */
  async ingest(calls: readonly OutgoingMessage[], expectedUpdates: number): Promise<void> {
    const { admin } = this.bench;
    const publisher = new JetStreamPublisher(admin.publishing, {
      namespace: new Namespace(this.namespace),
      publishTimeoutMs: 30_000,
    });
    for (let start = 0; start < calls.length; start += SEED_BATCH)
      await publisher.publishBatch(calls.slice(start, start + SEED_BATCH));
    const profiles = new Namespace(this.namespace).stream('PROFILES');
    await waitFor(
      async () => (await admin.jsm.streams.info(profiles)).state.messages >= expectedUpdates,
      {
        description: `identity to apply ${expectedUpdates} calls`,
        timeoutMs: 600_000,
        intervalMs: 500,
      },
    );
  }

  /**
   * Fills the workspace's profiles collection up to `total` documents with copies of the
   * profiles identity stored, each under a new id (`<original>-copy-<n>`): documents of
   * exactly identity's shape, in the numbers a real workspace holds, without resolving every
   * one through identity (see docs/benchmarks.md for why). Copies have no identifier claims.
   */
  async fillWithCopies(total: number): Promise<number> {
    const handle = await openDatabase(this.infra.mongoUrl, this.namespace, {
      appName: 'meridian-bench',
    });
    try {
      const profiles = new BaseRepository<StoredProfile>(handle.db, 'profiles');
      const originals = await profiles.find(BENCH_PROFILE_WORKSPACE);
      if (originals.length === 0) throw new Error('identity stored no profile to copy');
      let next = originals.length;
      const copier = async () => {
        for (let copy = next++; copy < total; copy = next++) {
          const original = originals[copy % originals.length];
          if (original === undefined) throw new Error(`no original for copy ${copy}`);
          await profiles.insertOne(BENCH_PROFILE_WORKSPACE, {
            ...original,
            _id: `${original._id}-copy-${copy}`,
          });
        }
      };
      await Promise.all(Array.from({ length: COPY_CONCURRENCY }, copier));
      return await profiles.count(BENCH_PROFILE_WORKSPACE);
    } finally {
      await handle.close();
    }
  }

  /** Starts the bare HTTP server that answers every GET with `body`. */
  async startStaticServer(body: Buffer): Promise<string> {
    const bodyFile = join(this.scratch, 'profile.json');
    writeFileSync(bodyFile, body);
    const port = await freePort();
    const server = await startService({
      entry: STATIC_SERVER_ENTRY,
      port,
      namespace: this.namespace,
      env: { BENCH_STATIC_PORT: String(port), BENCH_STATIC_BODY_FILE: bodyFile },
    });
    this.bench.track(server);
    return server.url;
  }

  /** Stops the processes, deletes the streams, drops the database and the scratch files. */
  async dispose(): Promise<void> {
    try {
      await this.bench.dispose();
    } finally {
      rmSync(this.scratch, { recursive: true, force: true });
    }
  }

  private async seedAdminKey(): Promise<void> {
    const handle = await openDatabase(this.infra.mongoUrl, this.namespace, {
      appName: 'meridian-bench',
    });
    try {
      await ensureCollections(handle.db, workspacesCollections);
      await new AdminKeyService(new AdminKeyRepository(handle.db)).seed({
        rawKey: this.adminKey,
        name: 'profile benchmark',
        role: 'read-only',
        workspaceId: BENCH_PROFILE_WORKSPACE,
      });
    } finally {
      await handle.close();
    }
  }
}
