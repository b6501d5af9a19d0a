import { z } from 'zod';
import { EpochMs, epochMsOf, type Instant } from './instant';

/**
 * The workspace clock, the `asOf` of RFM reads. In 'wall' mode it is the wall clock. In
 * 'replay' mode it is the event-time watermark, the latest event time seen, so replaying
 * 2010–2011 data gives the recencies and segments of late 2011 rather than of today.
 */
export const ClockMode = z.enum(['wall', 'replay']);
export type ClockMode = z.infer<typeof ClockMode>;

/**
 * The clock as stored per workspace. The watermark is tracked in both modes (switching to
 * replay then needs no rescan); concurrent writers can move it with MongoDB's `$max`.
 */
export const WorkspaceClockState = z.object({
  mode: ClockMode,
  /** Latest event time observed, epoch ms; null before the first event. */
  watermark: EpochMs.nullable(),
});
export type WorkspaceClockState = z.infer<typeof WorkspaceClockState>;

/** Epoch milliseconds now: injected so no logic reads Date.now() itself. */
export type WallClock = () => number;

export class WorkspaceClock {
  private latest: number | null;

  constructor(
    readonly mode: ClockMode,
    private readonly wallClock: WallClock,
    watermark: Instant | null = null,
  ) {
    ClockMode.parse(mode);
    this.latest = watermark === null ? null : epochMsOf(watermark, 'watermark');
  }

  static fromState(state: WorkspaceClockState, wallClock: WallClock): WorkspaceClock {
    const { mode, watermark } = WorkspaceClockState.parse(state);
    return new WorkspaceClock(mode, wallClock, watermark);
  }

  /** The latest event time observed; null before the first event. */
  get watermark(): number | null {
    return this.latest;
  }

  /** Notes an event time; the watermark only moves forward. True when it moved. */
  observe(eventTime: Instant): boolean {
    const at = epochMsOf(eventTime, 'eventTime');
    if (this.latest !== null && at <= this.latest) return false;
    this.latest = at;
    return true;
  }

  /**
   * Now, epoch ms: the wall clock, or the watermark in replay mode. A replay clock that has
   * seen no event has no time yet: a RangeError rather than a made-up instant.
   */
  now(): number {
    if (this.mode === 'wall') return epochMsOf(this.wallClock(), 'wallClock()');
    if (this.latest === null) {
      throw new RangeError('watermark: a replay clock has no time before its first event');
    }
    return this.latest;
  }

  state(): WorkspaceClockState {
    return { mode: this.mode, watermark: this.latest };
  }
}
