import { derivedEventId, envelopeCausedBy, type Cause } from './outgoing-events';
import { UnprocessableEventError } from './errors';

/** How often one event may be passed to another partition while merges settle. */
export const MAX_ROUTING_HOPS = 4;

/** Where an event is passed on to: the profile it belongs to, and that profile's partition. */
export interface PassOnTarget {
  readonly profileId: string;
  readonly partition: number;
}

/**
 * The envelope of `cause` passed on for the (hops + 1)-th time to the writer of the partition
 * `target` lives on, its id derived from the cause's so a redelivery passes it on once. Past
 * MAX_ROUTING_HOPS it refuses: merges still settling would pass the event around without end.
 */
export function passedOnEnvelope(
  cause: Cause & { readonly type: string },
  hops: number,
  target: PassOnTarget,
) {
  if (hops >= MAX_ROUTING_HOPS) {
    throw new UnprocessableEventError(
      `${cause.type} ${cause.id} was passed between partitions ${hops} times and still belongs elsewhere (profile ${target.profileId} on partition ${target.partition})`,
    );
  }
  return envelopeCausedBy(cause, derivedEventId(cause.id, `routed-${hops + 1}`));
}

/** The partition a consumer writes for; only a partition's owner may write a profile. */
export function writerPartition(
  cause: Cause & { readonly type: string },
  partition: number | undefined,
): number {
  if (partition === undefined) {
    throw new UnprocessableEventError(
      `${cause.type} ${cause.id} arrived on a consumer without a partition: only a partition's owner may write a profile`,
    );
  }
  return partition;
}
