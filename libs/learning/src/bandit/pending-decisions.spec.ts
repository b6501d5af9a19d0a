import { PendingDecisions, type PendingDecision } from './pending-decisions';

const HOUR = 3_600_000;
const WINDOW = 24 * HOUR;

function decision(decisionId: string, decidedAt: number): PendingDecision {
  return {
    decisionId,
    profileId: `p-${decisionId}`,
    actionId: 'offer',
    context: [1, 0.5],
    decidedAt,
  };
}

describe('PendingDecisions', () => {
  it('rewards a response within the window with 1', () => {
    const pending = new PendingDecisions(WINDOW);
    pending.record(decision('d1', 1000));
    const settlement = pending.respond('d1', 1000 + 3 * HOUR);
    expect(settlement).toMatchObject({
      reward: 1,
      reason: 'responded',
      settledAt: 1000 + 3 * HOUR,
    });
    expect(settlement?.decision.context).toEqual([1, 0.5]);
    expect(pending.size).toBe(0);
  });

  it('rewards a response exactly at the end of the window with 1', () => {
    const pending = new PendingDecisions(WINDOW);
    pending.record(decision('d1', 0));
    expect(pending.closeExpired(WINDOW)).toEqual([]);
    expect(pending.respond('d1', WINDOW)?.reward).toBe(1);
  });

  it('settles a response after the window with 0 at the end of the window', () => {
    const pending = new PendingDecisions(WINDOW);
    pending.record(decision('d1', 0));
    expect(pending.respond('d1', WINDOW + 1)).toMatchObject({
      reward: 0,
      reason: 'window-closed',
      settledAt: WINDOW,
    });
  });

  it('closes windows that ended before now with 0, oldest first, and keeps the rest', () => {
    const pending = new PendingDecisions(WINDOW);
    pending.record(decision('late', 5 * HOUR));
    pending.record(decision('early', 0));
    pending.record(decision('open', 10 * HOUR));
    pending.record(decision('answered', HOUR));
    pending.respond('answered', 2 * HOUR);
    const closed = pending.closeExpired(WINDOW + 6 * HOUR);
    expect(closed.map((s) => [s.decision.decisionId, s.reward, s.settledAt])).toEqual([
      ['early', 0, WINDOW],
      ['late', 0, WINDOW + 5 * HOUR],
    ]);
    expect(pending.has('open')).toBe(true);
    expect(pending.size).toBe(1);
  });

  it('never settles a decision twice', () => {
    const pending = new PendingDecisions(WINDOW);
    pending.record(decision('clicked', 0));
    pending.record(decision('ignored', 0));
    expect(pending.respond('clicked', HOUR)?.reward).toBe(1);
    expect(pending.respond('clicked', 2 * HOUR)).toBeNull();
    expect(pending.closeExpired(2 * WINDOW).map((s) => s.decision.decisionId)).toEqual(['ignored']);
    expect(pending.respond('ignored', HOUR)).toBeNull();
    expect(pending.closeExpired(3 * WINDOW)).toEqual([]);
    expect(pending.respond('unknown', HOUR)).toBeNull();
  });

  it('refuses to record a decision that is already pending', () => {
    const pending = new PendingDecisions(WINDOW);
    pending.record(decision('d1', 0));
    expect(() => pending.record(decision('d1', 5))).toThrow(/already pending/);
  });

  it('round-trips the pending decisions through its state', () => {
    const pending = new PendingDecisions(WINDOW);
    pending.record(decision('d1', 0));
    pending.record(decision('d2', HOUR));
    pending.respond('d1', 1);
    const restored = PendingDecisions.fromState(JSON.parse(JSON.stringify(pending.toState())));
    expect(restored.toState()).toEqual(pending.toState());
    expect(restored.closeExpired(WINDOW + 2 * HOUR).map((s) => s.decision.decisionId)).toEqual([
      'd2',
    ]);
  });

  it('rejects a window that is not a positive whole number of milliseconds', () => {
    expect(() => new PendingDecisions(0)).toThrow(/windowMs/);
    expect(() => new PendingDecisions(1.5)).toThrow(/windowMs/);
    expect(() =>
      new PendingDecisions(WINDOW).record({ ...decision('d', 0), profileId: '' }),
    ).toThrow(/profileId/);
  });
});
