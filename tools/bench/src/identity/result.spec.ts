import { DEFAULT_OPTIONS } from '../options';
import { identityResult, IDENTITY_TARGETS, type IdentityPhase } from './index';
import type { RawUpserterOutput } from './protocol';

function phase(overrides: Partial<IdentityPhase> = {}): IdentityPhase {
  return {
    load: {
      calls: 104_000,
      messages: 8_320,
      published: 6_000,
      people: { known: 8_000, firstLogin: 4_000, newDevice: 4_000, anonymous: 4_000 },
      callTypes: { identify: 20_000, track: 40_000, page: 44_000 },
    },
    throughput: {
      events: 4_000,
      measuredMs: 20_000,
      eventsPerSecond: 200,
      cpuMicrosPerEvent: 900,
      cpuPercentOfCore: 18,
      drained: false,
    },
    activity: { resolved: 5_500, commands: 300, merges: 40, deadLetters: 0 },
    profiles: { stored: 1_200, live: 1_150 },
    ...overrides,
  };
}

const raw: RawUpserterOutput = {
  upserts: 5_000,
  measuredMs: 20_000,
  upsertsPerSecond: 250,
  inserted: 1_200,
  total: 6_500,
  cpuMicrosPerUpsert: 150,
  sampled: 500,
  documentBytes: 2_400,
};

const valueOf = (result: ReturnType<typeof identityResult>, group: string, label: string) =>
  result.measurements.find((m) => m.group === group && m.label === label)?.value;

describe('identityResult', () => {
  it('reports identity calls per second against raw upserts per second, and their ratio', () => {
    const result = identityResult(DEFAULT_OPTIONS, phase(), raw);

    expect(valueOf(result, 'identity', 'events/s')).toBe(200);
    expect(valueOf(result, 'raw upsert', 'upserts/s')).toBe(250);
    expect(valueOf(result, 'ratio', 'identity ÷ raw')).toBe(0.8);
    expect(valueOf(result, 'identity', 'CPU')).toBe(18);
    expect(valueOf(result, 'raw upsert', 'profile size')).toBe(2_400);
    expect(valueOf(result, 'identity', 'merges')).toBe(40);
  });

  it('checks the issue target, 0.5 of raw, and that no call was dead-lettered', () => {
    expect(IDENTITY_TARGETS).toEqual({ ratioToRaw: 0.5 });
    const met = identityResult(DEFAULT_OPTIONS, phase(), raw).targets;
    expect(met.map((target) => [target.name, target.met])).toEqual([
      ['ratio to raw bulk upsert', true],
      ['calls resolved without a dead letter, %', true],
    ]);

    const slow = phase({ throughput: { ...phase().throughput, eventsPerSecond: 100 } });
    const [ratio] = identityResult(DEFAULT_OPTIONS, slow, raw).targets;
    expect(ratio).toMatchObject({ actual: 0.4, atLeast: 0.5, met: false });
  });

  it('fails the dead-letter check and says where the log is when calls were dead-lettered', () => {
    const result = identityResult(
      DEFAULT_OPTIONS,
      phase({ activity: { resolved: 990, commands: 0, merges: 0, deadLetters: 10 } }),
      raw,
    );

    expect(result.targets[1]).toMatchObject({ actual: 99, met: false });
    expect(result.notes.join('\n')).toMatch(/10 messages were dead-lettered.*identity\.log/);
  });

  it('notes a window cut short by the end of the load', () => {
    const drained = phase({ throughput: { ...phase().throughput, drained: true } });

    expect(identityResult(DEFAULT_OPTIONS, drained, raw).notes[0]).toMatch(/last resolution/);
    expect(identityResult(DEFAULT_OPTIONS, phase(), raw).notes).toEqual([]);
  });

  it('reports no CPU figures where /proc could not be read', () => {
    const unread = phase({
      throughput: { ...phase().throughput, cpuMicrosPerEvent: null, cpuPercentOfCore: null },
    });

    expect(valueOf(identityResult(DEFAULT_OPTIONS, unread, raw), 'identity', 'CPU')).toBeNaN();
  });

  it('keeps every figure of both phases in the details for --json', () => {
    const result = identityResult(DEFAULT_OPTIONS, phase(), raw);

    expect(result.details).toEqual({
      load: phase().load,
      throughput: phase().throughput,
      activity: phase().activity,
      profiles: phase().profiles,
      raw,
    });
  });
});
