import { Namespace, partitionKeyOf, partitionOf, subjects } from '@meridian/contracts';
import { measureRawPublishRate } from '@meridian/messaging';
import { workerMain } from '../worker-main';
import { buildEventTemplate, eventAt, messageIdOf, userIdOf } from './payload';
import { RawPublisherInput } from './protocol';

/**
 * Worker process of the ingest benchmark's baseline: the same 1 KB events the load
 * generator posts, published straight to the namespace's ingest subjects with nats.js
 * (each on its user's partition, as ingestion publishes them), with a window of
 * unacknowledged publishes equal to the events the generator keeps in flight.
 */
workerMain(RawPublisherInput, async (input) => {
  const namespace = new Namespace(input.namespace);
  const template = buildEventTemplate({
    runId: input.runId,
    eventBytes: input.eventBytes,
    timestamp: new Date().toISOString(),
  });
  const subjectOfUser = new Map<string, string>();
  return measureRawPublishRate({
    natsUrl: input.natsUrl,
    inFlight: input.inFlight,
    warmupMs: input.warmupMs,
    durationMs: input.durationMs,
    message: (sequence) => {
      const userId = userIdOf(sequence);
      let subject = subjectOfUser.get(userId);
      if (subject === undefined) {
        const partition = partitionOf(partitionKeyOf({ userId }), input.partitions);
        subject = namespace.subject(subjects.ingest(partition));
        subjectOfUser.set(userId, subject);
      }
      return {
        subject,
        data: eventAt(template, sequence),
        msgId: messageIdOf(input.runId, sequence),
      };
    },
  });
});
