import { bestChannel, populationRates, type ChannelEngagement } from './best-channel';

/** Email engages best across the population; push and sms less. */
const POPULATION: ChannelEngagement = {
  email: { received: 10_000, engaged: 2_000 },
  push: { received: 10_000, engaged: 1_000 },
  sms: { received: 10_000, engaged: 500 },
};

/** A profile that loves push: 5 of 5 pushes engaged, 0 of 5 emails. */
const PUSH_LOVER: ChannelEngagement = {
  email: { received: 5, engaged: 0 },
  push: { received: 5, engaged: 5 },
};

describe('bestChannel', () => {
  it('answers with the profile once two channels have the minimum of messages', () => {
    const choice = bestChannel(PUSH_LOVER, POPULATION, { minMessagesPerChannel: 5 });
    expect(choice).toMatchObject({
      channel: 'push',
      rule: 'profile',
      measuredChannels: ['email', 'push'],
    });
  });

  it('falls back to the population best when only one channel has the minimum', () => {
    const choice = bestChannel(PUSH_LOVER, POPULATION, { minMessagesPerChannel: 6 });
    expect(choice).toMatchObject({ channel: 'email', rule: 'population', measuredChannels: [] });
    const oneChannel = bestChannel({ push: { received: 50, engaged: 50 } }, POPULATION, {
      minMessagesPerChannel: 5,
    });
    expect(oneChannel).toMatchObject({ channel: 'email', rule: 'population' });
  });

  it('shrinks each channel towards the population rate with the prior strength', () => {
    const { posteriorMeans } = bestChannel(PUSH_LOVER, POPULATION, { priorStrength: 10 });
    const rates = populationRates(POPULATION);
    expect(posteriorMeans.push).toBeCloseTo((5 + 10 * (rates.push ?? 0)) / 15, 12);
    expect(posteriorMeans.email).toBeCloseTo((0 + 10 * (rates.email ?? 0)) / 15, 12);
    expect(posteriorMeans.sms).toBeCloseTo(rates.sms ?? 0, 12);
  });

  it('chooses among the measured channels only, not an unmeasured one with a higher prior', () => {
    const profile: ChannelEngagement = {
      push: { received: 20, engaged: 2 },
      sms: { received: 20, engaged: 1 },
    };
    const choice = bestChannel(profile, POPULATION, { minMessagesPerChannel: 20 });
    expect(choice).toMatchObject({ channel: 'push', rule: 'profile' });
    expect(choice.posteriorMeans.email).toBeGreaterThan(choice.posteriorMeans.push ?? 1);
  });

  it('only answers with reachable channels', () => {
    const choice = bestChannel({}, POPULATION, { reachable: ['push', 'sms'] });
    expect(choice).toMatchObject({ channel: 'push', rule: 'population' });
    expect(Object.keys(choice.posteriorMeans)).toEqual(['push', 'sms']);
  });

  it('rejects counts with more engagements than messages, naming the field', () => {
    expect(() => bestChannel({ email: { received: 1, engaged: 2 } }, POPULATION)).toThrow(
      /engaged/,
    );
    expect(() => bestChannel({}, {})).toThrow(/no channel/);
  });
});
