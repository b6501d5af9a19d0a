import { z } from 'zod';

// Module-level aliases: these run per decision, and inside Jest's vm sandbox every lookup of a
// global (Number) costs hundreds of times more than a module constant.
const { isFinite: isFiniteNumber, isInteger } = Number;

/** A decision waiting for its reward: the context is kept so the bandit can learn from it. */
export const PendingDecision = z.object({
  decisionId: z.string().min(1),
  profileId: z.string().min(1),
  actionId: z.string().min(1),
  context: z.array(z.number()),
  /** Epoch milliseconds. */
  decidedAt: z.number().int(),
});
export type PendingDecision = z.infer<typeof PendingDecision>;

export const PendingDecisionsState = z.object({
  windowMs: z.number().int().positive(),
  decisions: z.array(PendingDecision),
});
export type PendingDecisionsState = z.infer<typeof PendingDecisionsState>;

/** The reward a decision earned: 1 for a response in the window, 0 when it closed without. */
export interface Settlement {
  readonly decision: PendingDecision;
  readonly reward: 0 | 1;
  readonly reason: 'responded' | 'window-closed';
  /** The response's time, or the end of the window. */
  readonly settledAt: number;
}

/**
 * Attribution of rewards to bandit decisions. The window of a decision made at t is the
 * closed interval [t, t + windowMs]: a click or conversion in it (even exactly at its end)
 * earns 1; a decision whose window has passed without one earns 0. Each decision is settled
 * exactly once and then forgotten, so a second click, or a click after the zero, earns nothing.
 * Pure logic: times are passed in, nothing is read from the clock.
 */
export class PendingDecisions {
  readonly windowMs: number;
  private readonly pending = new Map<string, PendingDecision>();
  /** Min-heap of window ends; entries already settled by a response are skipped lazily. */
  private readonly deadlines: DeadlineEntry[] = [];

  constructor(windowMs: number) {
    if (!(Number.isInteger(windowMs) && windowMs > 0)) {
      throw new RangeError(`windowMs must be a positive integer, got ${windowMs}`);
    }
    this.windowMs = windowMs;
  }

  static fromState(state: PendingDecisionsState): PendingDecisions {
    const parsed = PendingDecisionsState.parse(state);
    const decisions = new PendingDecisions(parsed.windowMs);
    for (const decision of parsed.decisions) decisions.record(decision);
    return decisions;
  }

  toState(): PendingDecisionsState {
    return { windowMs: this.windowMs, decisions: [...this.pending.values()] };
  }

  get size(): number {
    return this.pending.size;
  }

  has(decisionId: string): boolean {
    return this.pending.has(decisionId);
  }

  /** Starts a decision's window; a decision id may be recorded only once. */
  record(decision: PendingDecision): void {
    const parsed = checkedCopy(decision);
    if (this.pending.has(parsed.decisionId)) {
      throw new RangeError(`decision ${parsed.decisionId} is already pending`);
    }
    this.pending.set(parsed.decisionId, parsed);
    pushDeadline(this.deadlines, {
      decisionId: parsed.decisionId,
      closesAt: parsed.decidedAt + this.windowMs,
    });
  }

  /**
   * A click or conversion for `decisionId` at `at`. Within the window it settles the decision
   * with 1; after the window it settles it with 0 (the window closed without a response, even
   * if closeExpired has not run yet). Null when the decision is unknown or already settled.
   */
  respond(decisionId: string, at: number): Settlement | null {
    if (!isFiniteNumber(at)) throw new RangeError(`at must be a finite instant, got ${at}`);
    const decision = this.pending.get(decisionId);
    if (decision === undefined) return null;
    this.pending.delete(decisionId);
    const closesAt = decision.decidedAt + this.windowMs;
    return at <= closesAt
      ? { decision, reward: 1, reason: 'responded', settledAt: at }
      : { decision, reward: 0, reason: 'window-closed', settledAt: closesAt };
  }

  /** Settles with 0 every decision whose window ended before `now`, oldest window first. */
  closeExpired(now: number): Settlement[] {
    if (!isFiniteNumber(now)) throw new RangeError(`now must be a finite instant, got ${now}`);
    const settled: Settlement[] = [];
    for (let next = this.deadlines[0]; next !== undefined && next.closesAt < now;) {
      popDeadline(this.deadlines);
      const decision = this.pending.get(next.decisionId);
      // A decision recorded again after settling has a later deadline of its own.
      if (decision !== undefined && decision.decidedAt + this.windowMs === next.closesAt) {
        this.pending.delete(next.decisionId);
        settled.push({ decision, reward: 0, reason: 'window-closed', settledAt: next.closesAt });
      }
      next = this.deadlines[0];
    }
    return settled;
  }
}

/**
 * The schema's rules, checked by hand: this runs on every decision, where a zod parse would
 * cost more than the bandit's choice itself. The context is copied so later edits by the
 * caller cannot change what is learnt.
 */
function checkedCopy(decision: PendingDecision): PendingDecision {
  for (const field of ['decisionId', 'profileId', 'actionId'] as const) {
    if (decision[field].length === 0) throw new RangeError(`${field} must not be empty`);
  }
  if (!isInteger(decision.decidedAt)) {
    throw new RangeError(`decidedAt must be an integer instant, got ${decision.decidedAt}`);
  }
  const context = decision.context.slice();
  for (let i = 0; i < context.length; i++) {
    if (!isFiniteNumber(context[i])) {
      throw new RangeError(`context[${i}] must be finite, got ${context[i]}`);
    }
  }
  return { ...decision, context };
}

interface DeadlineEntry {
  readonly decisionId: string;
  readonly closesAt: number;
}

function pushDeadline(heap: DeadlineEntry[], entry: DeadlineEntry): void {
  heap.push(entry);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const above = heap[parent];
    if (above === undefined || above.closesAt <= entry.closesAt) break;
    heap[i] = above;
    i = parent;
  }
  heap[i] = entry;
}

function popDeadline(heap: DeadlineEntry[]): void {
  const last = heap.pop();
  if (last === undefined || heap.length === 0) return;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let smallest = i;
    let smallestAt = last.closesAt;
    const leftEntry = heap[left];
    const rightEntry = heap[right];
    if (leftEntry !== undefined && leftEntry.closesAt < smallestAt) {
      smallest = left;
      smallestAt = leftEntry.closesAt;
    }
    if (rightEntry !== undefined && rightEntry.closesAt < smallestAt) smallest = right;
    if (smallest === i) break;
    const child = heap[smallest];
    if (child === undefined) break;
    heap[i] = child;
    i = smallest;
  }
  heap[i] = last;
}
