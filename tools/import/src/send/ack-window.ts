/**
 * Turns acknowledgements that arrive in any order into a durable position: the number of groups
 * such that every request covering them has been answered. With several requests in flight,
 * request 3 may be answered before request 2; the position moves past 3 only once 2 is too.
 */
export class AckWindow {
  private readonly pending: { readonly seq: number; readonly through: number; done: boolean }[] =
    [];
  private nextSeq = 0;
  private position: number;

  constructor(startPosition: number) {
    this.position = startPosition;
  }

  /** Groups durably done: what the checkpoint records. */
  get durable(): number {
    return this.position;
  }

  get inFlight(): number {
    return this.pending.length;
  }

  /** A request covering groups up to `groupsThrough` goes out; returns its sequence number. */
  open(groupsThrough: number): number {
    const seq = this.nextSeq;
    this.nextSeq += 1;
    this.pending.push({ seq, through: groupsThrough, done: false });
    return seq;
  }

  /** The request was answered; returns the new durable position when it moved. */
  complete(seq: number): number | undefined {
    const entry = this.pending.find((candidate) => candidate.seq === seq);
    if (!entry) throw new Error(`request ${seq} is not in flight`);
    entry.done = true;
    const before = this.position;
    while (this.pending[0]?.done) {
      const first = this.pending.shift();
      if (first) this.position = Math.max(this.position, first.through);
    }
    return this.position > before ? this.position : undefined;
  }

  /** Nothing in flight and the file read up to `groupsThrough`: those groups are done too. */
  settle(groupsThrough: number): number | undefined {
    if (this.pending.length > 0 || groupsThrough <= this.position) return undefined;
    this.position = groupsThrough;
    return this.position;
  }
}
