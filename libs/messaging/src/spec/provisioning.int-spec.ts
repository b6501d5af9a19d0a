import { consumers, Namespace, streams } from '@meridian/contracts';
import { testInfra, uniqueNamespace } from '@meridian/testing';
import { nanos } from '@nats-io/nats-core';
import { connectJetStreamAdmin, type JetStreamAdmin } from '../admin';
import { deleteNamespace, provisionNamespace } from '../provisioning';

describe('provisionNamespace', () => {
  const namespace = uniqueNamespace('provision');
  const names = new Namespace(namespace);
  let admin: JetStreamAdmin;

  beforeAll(async () => {
    admin = await connectJetStreamAdmin(testInfra().natsUrl);
  });

  afterAll(async () => {
    await deleteNamespace({ jsm: admin.jsm, namespace });
    await admin.close();
  });

  it('creates every stream and every consumer, partitioned ones once per partition', async () => {
    const report = await provisionNamespace({ jsm: admin.jsm, namespace, partitions: 2 });

    expect(report.changes.every((change) => change.action === 'created')).toBe(true);
    const ingest = await admin.jsm.streams.info(names.stream('INGEST'));
    expect(ingest.config).toMatchObject({
      subjects: [`${namespace}.ingest.*`],
      storage: 'file',
      duplicate_window: nanos(10 * 60_000),
    });
    const p1 = await admin.jsm.consumers.info(names.stream('INGEST'), 'identity-ingest-p1');
    expect(p1.config).toMatchObject({
      filter_subject: `${namespace}.ingest.1`,
      ack_policy: 'explicit',
      max_deliver: 5,
      ack_wait: nanos(30_000),
    });
    await expect(
      admin.jsm.consumers.info(names.stream('INGEST'), 'identity-ingest-p2'),
    ).rejects.toThrow(/consumer not found/);
    await expect(
      admin.jsm.consumers.info(`${namespace.toUpperCase()}_ADVISORIES`, 'dlq-advisories'),
    ).resolves.toBeDefined();
  });

  it('creates the ingest dedupe key-value bucket with one value per key and the registry TTL', async () => {
    const bucket = await admin.jsm.streams.info(`KV_${names.bucket('INGEST_DEDUPE')}`);

    expect(bucket.config).toMatchObject({
      subjects: [`$KV.${names.bucket('INGEST_DEDUPE')}.>`],
      max_msgs_per_subject: 1,
      max_age: nanos(25 * 3_600_000),
      storage: 'file',
    });
  });

  it('changes nothing when run again', async () => {
    const report = await provisionNamespace({ jsm: admin.jsm, namespace, partitions: 2 });

    expect(report.changes.filter((change) => change.action !== 'unchanged')).toEqual([]);
  });

  it('updates a consumer whose declared settings changed and reports only that', async () => {
    const slower = { ...consumers.senderEmail, ackWaitMs: 45_000 };
    const definitions = Object.values(consumers).map((definition) =>
      definition.name === slower.name ? slower : definition,
    );

    const report = await provisionNamespace({
      jsm: admin.jsm,
      namespace,
      partitions: 2,
      consumers: definitions,
    });

    expect(report.changes.filter((change) => change.action !== 'unchanged')).toEqual([
      { kind: 'consumer', name: `${names.stream('MESSAGES')}/sender-email`, action: 'updated' },
    ]);
    const info = await admin.jsm.consumers.info(names.stream('MESSAGES'), 'sender-email');
    expect(info.config.ack_wait).toBe(nanos(45_000));
  });

  it('updates the TTL of a bucket when a longer one is asked for, and reports it', async () => {
    const report = await provisionNamespace({
      jsm: admin.jsm,
      namespace,
      partitions: 2,
      bucketTtlMs: { INGEST_DEDUPE: 48 * 3_600_000 },
    });

    expect(report.changes.filter((change) => change.kind === 'bucket')).toEqual([
      { kind: 'bucket', name: names.bucket('INGEST_DEDUPE'), action: 'updated' },
    ]);
    const bucket = await admin.jsm.streams.info(`KV_${names.bucket('INGEST_DEDUPE')}`);
    expect(bucket.config.max_age).toBe(nanos(48 * 3_600_000));
  });

  it('deletes every stream of the namespace and nothing else', async () => {
    const other = uniqueNamespace('other');
    await provisionNamespace({ jsm: admin.jsm, namespace: other, partitions: 1 });
    try {
      const deleted = await deleteNamespace({ jsm: admin.jsm, namespace });

      // The registry's streams, the advisory stream and the dedupe bucket's stream.
      expect(deleted).toHaveLength(Object.keys(streams).length + 2);
      expect(deleted).toContain(names.stream('QUARANTINE'));
      expect(deleted).toContain(`KV_${names.bucket('INGEST_DEDUPE')}`);
      await expect(admin.jsm.streams.info(names.stream('EVENTS'))).rejects.toThrow(
        /stream not found/,
      );
      await expect(
        admin.jsm.streams.info(new Namespace(other).stream('EVENTS')),
      ).resolves.toBeDefined();
    } finally {
      await deleteNamespace({ jsm: admin.jsm, namespace: other });
    }
  });
});
