import { PendingDecisions, type PendingDecision, type Settlement } from '@meridian/learning';
import { ClickQueue } from './click-queue';

/**
 * What a learning policy sees of the world: its decisions wait in the attribution window,
 * clicks come back when they happen, and a decision's zero arrives only when its window closes.
 */
export class DelayedFeedback {
  private readonly pending: PendingDecisions;
  private readonly clicks = new ClickQueue();

  constructor(
    windowMs: number,
    private readonly learn: (settlement: Settlement) => void,
  ) {
    this.pending = new PendingDecisions(windowMs);
  }

  /** Delivers every click up to `now`, then closes the windows that ended before it. */
  advance(now: number): void {
    for (
      let click = this.clicks.popDue(now);
      click !== undefined;
      click = this.clicks.popDue(now)
    ) {
      const settlement = this.pending.respond(click.decisionId, click.at);
      if (settlement !== null) this.learn(settlement);
    }
    for (const settlement of this.pending.closeExpired(now)) this.learn(settlement);
  }

  /** Starts the decision's window; `clickAt` is when the customer will click, if they will. */
  record(decision: PendingDecision, clickAt: number | null): void {
    this.pending.record(decision);
    if (clickAt !== null) this.clicks.push({ at: clickAt, decisionId: decision.decisionId });
  }
}
