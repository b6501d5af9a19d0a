import type { OutgoingMessage } from '@meridian/messaging';
import type { LoadRequest } from './load';

/**
 * Publishes the load's requests while identity runs, keeping the calls published but not yet
 * resolved under a bound: identity always has work on its partitions, yet what it publishes
 * back onto INGEST (calls routed to another partition, merge and absorb commands) waits behind
 * a short queue, as it does in steady traffic, not behind the whole load.
 */
export class BacklogFeeder {
  private next = 0;
  private publishedCalls = 0;

  constructor(
    private readonly requests: readonly LoadRequest[],
    /** Publishing stops while this many calls or more are unresolved. */
    private readonly maxUnresolved: number,
    private readonly publish: (messages: readonly OutgoingMessage[]) => Promise<void>,
  ) {
    if (!Number.isInteger(maxUnresolved) || maxUnresolved < 1)
      throw new RangeError(`maxUnresolved must be a positive integer, got ${maxUnresolved}`);
  }

  /** Calls published so far. */
  get published(): number {
    return this.publishedCalls;
  }

  get done(): boolean {
    return this.next >= this.requests.length;
  }

  /** Publishes the next requests, in order, while fewer than the bound are unresolved. */
  async topUp(resolved: number): Promise<void> {
    while (!this.done && this.publishedCalls - resolved < this.maxUnresolved) {
      const request = this.requests[this.next];
      if (request === undefined) throw new RangeError(`no request ${this.next}`);
      await this.publish(request.messages);
      this.next += 1;
      this.publishedCalls += request.calls;
    }
  }
}
