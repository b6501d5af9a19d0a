import {
  bestChannelOf,
  emptyPopulation,
  engagementScores,
  sendTimeOf,
  withIncrement,
  withoutProfile,
  type EngagementPopulationState,
} from './engagement-answers';
import { newModelProfile, type ModelProfileDocument } from './model-profile';

const profileWith = (
  channels: ModelProfileDocument['channels'],
  slots: ModelProfileDocument['slots'] = [],
): ModelProfileDocument => ({
  ...newModelProfile({ workspaceId: 'ws', profileId: 'p-1', partition: 0 }),
  channels,
  slots,
});

function population(
  channels: EngagementPopulationState['channels'],
  slot = 100,
): EngagementPopulationState {
  let state = emptyPopulation();
  for (let i = 0; i < 10; i++)
    state = withIncrement(state, { channel: 'email', received: 0, engaged: 0, slot });
  return { ...state, channels };
}

const EMAIL_BEST = population([
  { channel: 'email', received: 100, engaged: 30 },
  { channel: 'push', received: 100, engaged: 10 },
]);

describe('best channel', () => {
  it('follows the profile when two channels have enough messages', () => {
    const profile = profileWith([
      { channel: 'email', received: 6, engaged: 0 },
      { channel: 'push', received: 6, engaged: 5 },
    ]);
    expect(bestChannelOf(profile, EMAIL_BEST)).toMatchObject({ channel: 'push', rule: 'profile' });
  });

  it("answers the population's best below enough messages on two channels", () => {
    const profile = profileWith([{ channel: 'push', received: 20, engaged: 20 }]);
    expect(bestChannelOf(profile, EMAIL_BEST)).toMatchObject({
      channel: 'email',
      rule: 'population',
      measuredChannels: ['push'],
    });
  });

  it('has no answer while the population has no channel', () => {
    expect(bestChannelOf(profileWith([]), emptyPopulation())).toBeNull();
  });
});

describe('send time', () => {
  // 2026-03-02 was a Monday; slot 100 is Friday 04:00.
  const monday = Date.parse('2026-03-02T00:00:00.000Z');

  it("falls back on the population's best hour for a profile with few engagements", () => {
    const choice = sendTimeOf(profileWith([]), EMAIL_BEST, monday);
    expect(choice).toMatchObject({ slot: 100, basis: 'population' });
    expect(choice.at).toBe(monday + 100 * 3_600_000);
  });

  it("follows the profile's own hour once it has engaged enough", () => {
    const choice = sendTimeOf(profileWith([], [{ slot: 42, count: 8 }]), EMAIL_BEST, monday);
    expect(choice).toMatchObject({ slot: 42, basis: 'profile' });
  });
});

describe('engagementScores', () => {
  it('scores the best slot and marks the chosen channel 1 and every other channel 0', () => {
    const scores = engagementScores(profileWith([]), EMAIL_BEST);
    expect(scores).toEqual([
      { name: 'sendTime:hourOfWeek', value: 100 },
      { name: 'bestChannel:email', value: 1 },
      { name: 'bestChannel:push', value: 0 },
    ]);
  });
});

describe('withIncrement', () => {
  it('adds a profile increment to the channel and the slot', () => {
    const next = withIncrement(emptyPopulation(), {
      channel: 'sms',
      received: 1,
      engaged: 1,
      slot: 7,
    });
    expect(next.channels).toEqual([{ channel: 'sms', received: 1, engaged: 1 }]);
    expect(next.engagements[7]).toBe(1);
  });
});

describe('withoutProfile', () => {
  const increments = [
    { channel: 'email', received: 1, engaged: 1, slot: 7 },
    { channel: 'email', received: 1, engaged: 0, slot: null },
    { channel: 'sms', received: 1, engaged: 0, slot: null },
  ] as const;
  const erased = profileWith(
    [
      { channel: 'email', received: 2, engaged: 1 },
      { channel: 'sms', received: 1, engaged: 0 },
    ],
    [{ slot: 7, count: 1 }],
  );

  it("takes exactly an erased profile's increments out of the population, dropping a channel left with no message", () => {
    const others = withIncrement(emptyPopulation(), {
      channel: 'email',
      received: 1,
      engaged: 1,
      slot: 7,
    });
    const withErased = increments.reduce(withIncrement, others);

    expect(withoutProfile(withErased, erased)).toEqual(others);
  });

  it('stops at zero where the population lacks some of its increments (a checkpoint older than the profile)', () => {
    const partial = withIncrement(emptyPopulation(), increments[0]);

    const after = withoutProfile(partial, erased);

    expect(after).toEqual(emptyPopulation());
  });
});
