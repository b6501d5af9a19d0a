import { testInfra, uniqueNamespace } from '@meridian/testing';
import { connectJetStreamAdmin, type JetStreamAdmin } from '../admin';
import { NatsClient } from '../connection';
import { KeyValueDedupeStore } from '../dedupe-store';
import { deleteNamespace, provisionNamespace } from '../provisioning';

const HOUR = 3_600_000;

describe('KeyValueDedupeStore on a real JetStream key-value bucket', () => {
  const { natsUrl } = testInfra();
  const namespace = uniqueNamespace('dedupe');
  let admin: JetStreamAdmin;
  const clients: NatsClient[] = [];
  let now = Date.now();

  async function store(options: { namespace?: string; windowMs?: number } = {}) {
    const client = new NatsClient({ natsUrl, serviceName: 'dedupe-spec' });
    await client.connect();
    clients.push(client);
    return new KeyValueDedupeStore(client, {
      namespace: options.namespace ?? namespace,
      bucket: 'INGEST_DEDUPE',
      windowMs: options.windowMs ?? 24 * HOUR,
      clock: () => now,
    });
  }

  beforeAll(async () => {
    admin = await connectJetStreamAdmin(natsUrl, 'dedupe-spec-admin');
    await provisionNamespace({ jsm: admin.jsm, namespace, partitions: 1 });
  });

  afterAll(async () => {
    for (const client of clients) await client.drain();
    await deleteNamespace({ jsm: admin.jsm, namespace });
    await admin.close();
  });

  it('sees keys recorded by another instance, and only those', async () => {
    const first = await store();
    const second = await store();

    await first.record(['call_aaa', 'call_bbb']);

    expect(await second.seen(['call_aaa', 'call_bbb', 'call_ccc'])).toEqual(
      new Set(['call_aaa', 'call_bbb']),
    );
  });

  it('answers for more keys than one batched lookup carries, finding exactly the recorded half', async () => {
    const keys = Array.from({ length: 600 }, (_, i) => `call_many_${i}`);
    const recorded = keys.filter((_, i) => i % 2 === 0);
    await (await store()).record(recorded);

    expect(await (await store()).seen(keys)).toEqual(new Set(recorded));
  });

  it('sees nothing when none of the keys was recorded', async () => {
    expect(await (await store()).seen(['call_never_1', 'call_never_2'])).toEqual(new Set());
  });

  it('ignores entries older than its window, though the bucket still holds them', async () => {
    const shortWindow = await store({ windowMs: HOUR });
    await shortWindow.record(['call_old']);

    now += 2 * HOUR;

    expect(await shortWindow.seen(['call_old'])).toEqual(new Set());
    expect(await (await store({ windowMs: 24 * HOUR })).seen(['call_old'])).toEqual(
      new Set(['call_old']),
    );
  });

  it('refuses keys that are not valid key-value keys rather than sending them', async () => {
    const dedupe = await store();

    await expect(dedupe.seen(['ws 1:message'])).rejects.toThrow(/not a valid key-value key/);
    await expect(dedupe.record(['.leading'])).rejects.toThrow(/not a valid key-value key/);
  });

  it('reports the TTL of its bucket as provisioned', async () => {
    expect(await (await store()).bucketTtlMs()).toBe(25 * HOUR);
  });

  it('fails look-ups when its bucket was never provisioned, and says it has no TTL', async () => {
    const unprovisioned = await store({ namespace: uniqueNamespace('nobucket') });

    await expect(unprovisioned.seen(['call_x'])).rejects.toThrow();
    expect(await unprovisioned.bucketTtlMs()).toBeUndefined();
  });
});
