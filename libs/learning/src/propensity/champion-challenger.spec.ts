import { ChampionChallenger, type ChampionChallengerState } from './champion-challenger';
import { createModelVersion, recordPromotion } from '../registry/model-version';
import { FtrlModel, type FtrlState } from './ftrl';
import { logisticStream, type SyntheticExample } from './synthetic-examples';

const at = '2026-03-01T00:00:00.000Z';

function feed(pair: ChampionChallenger, stream: readonly SyntheticExample[]) {
  const promotions = [];
  for (const [index, example] of stream.entries()) {
    const { promotion } = pair.learn(example.features, example.label, at);
    if (promotion) promotions.push({ index, promotion });
  }
  return promotions;
}

describe('ChampionChallenger', () => {
  const stream = logisticStream({ seed: 21, examples: 8000, weights: [1.5, -1, 0.8], bias: -1 });

  it('promotes a clearly better challenger once enough examples have been compared', () => {
    // The champion's learning rate is so small that it barely moves off one half.
    const pair = new ChampionChallenger({
      champion: new FtrlModel({ alpha: 0.0005 }),
      challenger: new FtrlModel({ alpha: 0.1 }),
    });
    const promotions = feed(pair, stream);
    const first = promotions[0];
    expect(first?.index).toBe(1999); // the first look, at minExamples
    const event = first?.promotion;
    expect(event?.generation).toBe(1);
    expect(event?.zThreshold).toBeCloseTo(2.5075, 3); // the first look's share of the 1 %
    expect(event?.zScore).toBeGreaterThan(event?.zThreshold ?? Infinity);
    expect(event?.meanLogLossImprovement).toBeGreaterThan(0.05);
    expect(event?.champion.hyperparameters.alpha).toBe(0.1);
    expect(event?.retired.hyperparameters.alpha).toBe(0.0005);
    expect(event?.champion.metrics['logLoss']).toBeLessThan(event?.retired.metrics['logLoss'] ?? 0);
    expect(event?.champion.metrics['examples']).toBe(2000);
    // A fresh challenger follows: the new champion, warm-started with alpha doubled.
    expect(event?.challenger.hyperparameters.alpha).toBe(0.2);
    expect(FtrlModel.fromState(event?.champion.state ?? new FtrlModel().toState()).examples).toBe(
      2000,
    );
  });

  it('does not promote an equal challenger: a copy of the champion learning the same stream', () => {
    for (const seed of [31, 32, 33]) {
      const noisy = logisticStream({ seed, examples: 6000, weights: [0.8, -0.6, 0.5], bias: -1.5 });
      const pair = new ChampionChallenger({
        champion: new FtrlModel(),
        challenger: new FtrlModel(),
        policy: { minExamples: 100, checkEvery: 1 },
      });
      expect(feed(pair, noisy)).toEqual([]);
      expect(pair.standing()).toMatchObject({
        comparedExamples: 6000,
        meanImprovement: 0,
        zScore: 0,
      });
    }
  });

  it('promotes a better challenger, not a worse one, whichever side it starts on', () => {
    const slow = () => new FtrlModel({ alpha: 0.0005 });
    const reversed = new ChampionChallenger({ champion: new FtrlModel(), challenger: slow() });
    expect(feed(reversed, stream)).toEqual([]);
    expect(reversed.standing().zScore).toBeLessThan(-2.326);
  });

  it('waits for minExamples before the first look', () => {
    const pair = new ChampionChallenger({
      champion: new FtrlModel({ alpha: 0.0005 }),
      challenger: new FtrlModel(),
      policy: { minExamples: 5000, checkEvery: 1000 },
    });
    expect(feed(pair, stream)[0]?.index).toBe(4999);
  });

  it('starts the next challenger from the factory it was given', () => {
    const generations: number[] = [];
    const pair = new ChampionChallenger({
      champion: new FtrlModel({ alpha: 0.0005 }),
      challenger: new FtrlModel(),
      nextChallenger: (champion, generation) => {
        generations.push(generation);
        return champion.clone({ l2: 5 });
      },
    });
    feed(pair, stream.slice(0, 2000));
    expect(generations).toEqual([1]);
    expect(pair.challenger.hyperparameters.l2).toBe(5);
    expect(pair.standing().comparedExamples).toBe(0); // the test starts afresh
  });

  it('refuses a factory that hands back the champion itself', () => {
    const pair = new ChampionChallenger({
      champion: new FtrlModel({ alpha: 0.0005 }),
      challenger: new FtrlModel(),
      nextChallenger: (champion) => champion,
    });
    expect(() => feed(pair, stream.slice(0, 2000))).toThrow('nextChallenger returned the champion');
    // Nothing changed: the slow champion is still in place.
    expect(pair.promotions).toBe(0);
    expect(pair.champion.hyperparameters.alpha).toBe(0.0005);
  });

  it('round-trips its state and then decides exactly as the original', () => {
    const make = () =>
      new ChampionChallenger({
        champion: new FtrlModel({ alpha: 0.0005 }),
        challenger: new FtrlModel(),
        policy: { minExamples: 1500, checkEvery: 100 },
      });
    const original = make();
    feed(original, stream.slice(0, 1000));
    const state: ChampionChallengerState = JSON.parse(JSON.stringify(original.toState()));
    const copy = ChampionChallenger.fromState(state);
    expect(copy.toState()).toEqual(original.toState());
    const rest = stream.slice(1000, 3000);
    expect(feed(copy, rest)).toEqual(feed(original, rest));
    expect(copy.toState()).toEqual(original.toState());
  });

  it('hands the registry a promotion it stores as the next versions', () => {
    const pair = new ChampionChallenger({
      champion: new FtrlModel({ alpha: 0.0005 }),
      challenger: new FtrlModel(),
    });
    const start = {
      workspaceId: 'w1',
      modelId: 'propensity:Order Completed:7d',
      kind: 'propensity' as const,
    };
    const champion = createModelVersion(
      {
        ...start,
        status: 'champion',
        createdAt: at,
        metrics: {},
        hyperparameters: { ...pair.champion.hyperparameters },
        state: pair.champion.toState(),
      },
      [],
    );
    const challenger = createModelVersion(
      {
        ...start,
        status: 'challenger',
        createdAt: at,
        metrics: {},
        hyperparameters: { ...pair.challenger.hyperparameters },
        state: pair.challenger.toState(),
      },
      [champion],
    );
    const event = feed(pair, stream.slice(0, 2000))[0]?.promotion;
    if (!event) throw new Error('expected a promotion');
    const written = recordPromotion([champion, challenger], event);
    expect(written.map(({ version, status }) => [version, status])).toEqual([
      [2, 'champion'],
      [1, 'retired'],
      [3, 'challenger'],
    ]);
    const stored = written[0]?.state as FtrlState;
    expect(FtrlModel.fromState(stored).predict({ x0: 1 })).toBe(pair.champion.predict({ x0: 1 }));
  });

  it('needs two model instances', () => {
    const model = new FtrlModel();
    expect(() => new ChampionChallenger({ champion: model, challenger: model })).toThrow(
      'two models, not one instance',
    );
  });

  it('rejects an instant it cannot read', () => {
    const pair = new ChampionChallenger({ champion: new FtrlModel(), challenger: new FtrlModel() });
    expect(() => pair.learn({ x: 1 }, 1, 'soon')).toThrow('at is not an ISO-8601 instant');
  });
});
