import { consumers, Namespace } from '@meridian/contracts';
import { nanos } from '@nats-io/nats-core';
import { bucketSpecs, consumerSpecs, streamSpecs } from './provisioning-specs';

const namespace = new Namespace('acme');

describe('streamSpecs', () => {
  it('declares every registry stream with its namespace, file storage and windows, plus the advisory stream', () => {
    const specs = streamSpecs(namespace);
    expect(specs.map((spec) => spec.name)).toEqual([
      'ACME_INGEST',
      'ACME_EVENTS',
      'ACME_PROFILES',
      'ACME_DECISIONS',
      'ACME_MESSAGES',
      'ACME_DLQ',
      'ACME_QUARANTINE',
      'ACME_PRIVACY',
      'ACME_ADVISORIES',
    ]);
    expect(specs[0]).toMatchObject({
      subjects: ['acme.ingest.*'],
      storage: 'file',
      duplicate_window: nanos(10 * 60_000),
      max_age: nanos(7 * 24 * 3_600_000),
    });
  });

  it('captures the max-deliveries advisories of exactly the consumed streams of the namespace', () => {
    const advisory = streamSpecs(namespace).at(-1);
    expect(advisory?.subjects).toEqual([
      '$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.ACME_INGEST.*',
      '$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.ACME_EVENTS.*',
      '$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.ACME_PROFILES.*',
      '$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.ACME_DECISIONS.*',
      '$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.ACME_MESSAGES.*',
      '$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.ACME_PRIVACY.*',
    ]);
  });
});

describe('consumerSpecs', () => {
  it('declares a partitioned consumer once per partition with its filter, and a plain one once', () => {
    const specs = consumerSpecs(namespace, 3, [consumers.identityIngest, consumers.senderEmail]);
    expect(
      specs.map((spec) => `${spec.stream}/${spec.durable_name}:${spec.filter_subject ?? ''}`),
    ).toEqual([
      'ACME_INGEST/identity-ingest-p0:acme.ingest.0',
      'ACME_INGEST/identity-ingest-p1:acme.ingest.1',
      'ACME_INGEST/identity-ingest-p2:acme.ingest.2',
      'ACME_MESSAGES/sender-email:acme.message.requested.email.*',
      'ACME_ADVISORIES/dlq-advisories:',
    ]);
  });

  it('uses explicit acks with the definition ack wait and max deliveries', () => {
    const [spec] = consumerSpecs(namespace, 1, [
      { ...consumers.senderEmail, ackWaitMs: 1_500, maxDeliver: 2 },
    ]);
    expect(spec).toMatchObject({ ack_policy: 'explicit', ack_wait: nanos(1_500), max_deliver: 2 });
  });
});

describe('bucketSpecs', () => {
  it('declares the ingest dedupe bucket in the namespace with the registry TTL of 25 hours', () => {
    expect(bucketSpecs(namespace)).toEqual([
      {
        bucket: 'ACME_INGEST_DEDUPE',
        stream: 'KV_ACME_INGEST_DEDUPE',
        description: expect.stringContaining('messageId'),
        ttlMs: 25 * 3_600_000,
      },
    ]);
  });

  it('takes a TTL override per bucket', () => {
    const [spec] = bucketSpecs(namespace, { INGEST_DEDUPE: 72 * 3_600_000 });
    expect(spec?.ttlMs).toBe(72 * 3_600_000);
  });
});
