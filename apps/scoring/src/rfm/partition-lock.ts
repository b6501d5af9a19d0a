import { PartitionLanes } from '@meridian/messaging';

/**
 * One serial queue per partition, for every write to a partition's documents in this process:
 * the scoring-events and scoring-messages handlers (already serialised with each other by the
 * transport's own lanes) and the sweep and model timers, which run beside them. FerretDB gives
 * no atomic compare-and-set under concurrent updates, so this is what keeps one writer per
 * profile and per partition document. A class of its own: it is the injection token.
 */
export class PartitionLock extends PartitionLanes {}
