import type { Settlement } from '@meridian/learning';
import { DelayedFeedback } from './feedback';

const HOUR = 3_600_000;

function decision(decisionId: string, decidedAt: number) {
  return { decisionId, profileId: 'p', actionId: 'a', context: [1], decidedAt };
}

describe('DelayedFeedback', () => {
  it('delivers a click when it happens and a zero only when the window closes', () => {
    const learnt: Settlement[] = [];
    const feedback = new DelayedFeedback(24 * HOUR, (s) => learnt.push(s));
    feedback.record(decision('clicked', 0), 3 * HOUR);
    feedback.record(decision('ignored', 0), null);
    feedback.record(decision('late', 1), 30 * HOUR);
    feedback.advance(2 * HOUR);
    expect(learnt).toEqual([]);
    feedback.advance(3 * HOUR);
    expect(learnt.map((s) => [s.decision.decisionId, s.reward])).toEqual([['clicked', 1]]);
    feedback.advance(24 * HOUR + 2);
    expect(learnt.map((s) => [s.decision.decisionId, s.reward])).toEqual([
      ['clicked', 1],
      ['ignored', 0],
      ['late', 0],
    ]);
    feedback.advance(31 * HOUR);
    expect(learnt).toHaveLength(3);
  });
});
