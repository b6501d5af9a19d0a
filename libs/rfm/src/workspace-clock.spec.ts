import { ms } from './spec-helpers';
import { WorkspaceClock, WorkspaceClockState } from './workspace-clock';

const TODAY = ms('2026-03-01T09:00:00Z');
const wallClock = () => TODAY;

describe('WorkspaceClock', () => {
  it('reads the wall clock in wall mode, whatever the events', () => {
    const clock = new WorkspaceClock('wall', wallClock);
    clock.observe(ms('2011-12-09T12:50:00Z'));
    expect(clock.now()).toBe(TODAY);
    expect(clock.watermark).toBe(ms('2011-12-09T12:50:00Z'));
  });

  it('reads the latest event time seen in replay mode, so a 2011 replay lives in 2011', () => {
    const clock = new WorkspaceClock('replay', wallClock);
    expect(clock.observe(ms('2010-12-01T08:26:00Z'))).toBe(true);
    expect(clock.observe(new Date('2011-12-09T12:50:00Z'))).toBe(true);
    expect(clock.now()).toBe(ms('2011-12-09T12:50:00Z'));
  });

  it('only moves the watermark forward: a late event does not turn the clock back', () => {
    const clock = new WorkspaceClock('replay', wallClock, ms('2011-06-01T00:00:00Z'));
    expect(clock.observe(ms('2011-05-01T00:00:00Z'))).toBe(false);
    expect(clock.observe(ms('2011-06-01T00:00:00Z'))).toBe(false);
    expect(clock.now()).toBe(ms('2011-06-01T00:00:00Z'));
  });

  it('has no time in replay mode before the first event', () => {
    expect(() => new WorkspaceClock('replay', wallClock).now()).toThrow(/watermark/);
  });

  it('stores as plain JSON and comes back the same', () => {
    const clock = new WorkspaceClock('replay', wallClock);
    clock.observe(ms('2011-12-09T12:50:00Z'));
    const state = WorkspaceClockState.parse(JSON.parse(JSON.stringify(clock.state())));
    expect(state).toEqual({ mode: 'replay', watermark: ms('2011-12-09T12:50:00Z') });
    expect(WorkspaceClock.fromState(state, wallClock).now()).toBe(ms('2011-12-09T12:50:00Z'));
  });

  it('rejects a mode, an event time or a wall clock that is not one', () => {
    expect(() => new WorkspaceClock('live' as 'wall', wallClock)).toThrow();
    expect(() => new WorkspaceClock('wall', wallClock).observe(Number.NaN)).toThrow(/eventTime/);
    expect(() => new WorkspaceClock('wall', () => Number.NaN).now()).toThrow(/wallClock/);
  });
});
