import { targetCheckOf } from './simulator-report';

describe('the simulator targets as benchmark targets', () => {
  it('keeps a floor target as it is', () => {
    expect(
      targetCheckOf({ name: 'bandit ÷ oracle reward', actual: 0.93, atLeast: 0.9, met: true }),
    ).toEqual({ name: 'bandit ÷ oracle reward', actual: 0.93, atLeast: 0.9, met: true });
  });

  it('shows a ceiling target as the margin under the ceiling, which must be at least 0', () => {
    const check = targetCheckOf({ name: 'AUC gap', actual: 0.025, atMost: 0.02, met: false });

    expect(check.name).toBe('AUC gap 0.0250 ≤ 0.02, margin');
    expect(check.actual).toBeCloseTo(-0.005);
    expect(check).toMatchObject({ atLeast: 0, met: false });
  });
});
