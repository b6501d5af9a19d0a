import { exactAuc } from '../evaluation/exact-auc';
import { FtrlModel, FtrlState } from './ftrl';
import { featureSlot } from './hashing';
import { logisticStream, type SyntheticExample } from './synthetic-examples';

function train(model: FtrlModel, examples: readonly SyntheticExample[]): void {
  for (const example of examples) model.update(example.features, example.label);
}

function aucOf(model: FtrlModel, examples: readonly SyntheticExample[]): number | null {
  return exactAuc(
    examples.map((example) => model.predict(example.features)),
    examples.map((example) => example.label),
  );
}

describe('FtrlModel', () => {
  it('predicts one half before it has learned anything', () => {
    expect(new FtrlModel().predict({ recency: 2, 'country=UK': 1 })).toBe(0.5);
  });

  it('separates a separable problem almost perfectly', () => {
    const stream = logisticStream({ seed: 1, examples: 6000, weights: [2, -1], sharpness: 50 });
    const model = new FtrlModel({ l1: 0 });
    train(model, stream.slice(0, 4000));
    const test = stream.slice(4000);
    const correct = test.filter(
      (example) => (model.predict(example.features) > 0.5 ? 1 : 0) === example.label,
    );
    expect(correct.length / test.length).toBeGreaterThan(0.97);
    expect(aucOf(model, test)).toBeGreaterThan(0.995);
  });

  it('learns a noisy problem to within 0.01 AUC of the true probabilities', () => {
    const stream = logisticStream({ seed: 2, examples: 25_000, weights: [1, -2, 0.5], bias: -1 });
    const model = new FtrlModel();
    train(model, stream.slice(0, 20_000));
    const test = stream.slice(20_000);
    const oracle = exactAuc(
      test.map((example) => example.probability),
      test.map((example) => example.label),
    );
    expect(oracle).not.toBeNull();
    expect(aucOf(model, test)).toBeGreaterThan((oracle ?? 1) - 0.01);
    // The weights come out near the truth, shrunk a little by l1 and l2.
    expect(model.weight('x1') / model.weight('x0')).toBeCloseTo(-2, 0);
    expect(model.bias).toBeLessThan(-0.7);
  });

  it('sets the weights of irrelevant features to exactly zero with l1', () => {
    const stream = logisticStream({
      seed: 3,
      examples: 5000,
      weights: [1.5, -1],
      noiseFeatures: 60,
    });
    const dense = new FtrlModel({ l1: 0 });
    // z of an irrelevant feature is a random walk of its gradients (about √examples × 0.45),
    // while a real feature's |z| grows like |w|·√examples / alpha: l1 = 60 lies between.
    const sparse = new FtrlModel({ l1: 60 });
    train(dense, stream);
    train(sparse, stream);
    expect(dense.nonZeroWeights()).toBe(63); // 2 true + 60 noise + bias
    expect(sparse.nonZeroWeights()).toBeLessThan(15);
    expect(sparse.weight('x0')).toBeGreaterThan(0);
    expect(sparse.weight('x1')).toBeLessThan(0);
  });

  it('returns the prediction it made before learning the example', () => {
    const model = new FtrlModel({ l1: 0 });
    const features = { x: 1 };
    for (let step = 0; step < 5; step++) {
      const before = model.predict(features);
      expect(model.update(features, 1)).toBe(before);
      expect(model.predict(features)).toBeGreaterThan(before);
    }
  });

  it('shares one weight between names that hash to the same slot', () => {
    const model = new FtrlModel({ bits: 4, l1: 0 });
    const names = Array.from({ length: 40 }, (_, index) => `f${index}`);
    const slotOfF0 = featureSlot('f0', 4);
    const partner = names.find((name) => name !== 'f0' && featureSlot(name, 4) === slotOfF0);
    const stranger = names.find((name) => featureSlot(name, 4) !== slotOfF0);
    for (let step = 0; step < 50; step++) model.update({ f0: 1 }, 1);
    expect(model.weight('f0')).toBeGreaterThan(0);
    expect(model.weight(partner ?? 'missing')).toBe(model.weight('f0'));
    expect(model.weight(stranger ?? 'missing')).toBe(0);
    // Colliding names in one example add up: f0 and its partner count twice.
    expect(model.predict({ f0: 1, [partner ?? 'missing']: 1 })).toBeCloseTo(
      model.predict({ f0: 2 }),
      12,
    );
  });

  it('round-trips its state and then learns exactly as the original', () => {
    const stream = logisticStream({ seed: 4, examples: 600, weights: [1, -1], noiseFeatures: 3 });
    const model = new FtrlModel({ alpha: 0.2, l1: 0.3, bits: 12, hashSeed: 9 });
    train(model, stream.slice(0, 300));
    const state = model.toState();
    const copy = FtrlModel.fromState(JSON.parse(JSON.stringify(state)));
    expect(copy.toState()).toEqual(state);
    expect(copy.hyperparameters).toEqual(model.hyperparameters);
    expect(copy.examples).toBe(300);
    for (const example of stream.slice(300)) {
      expect(copy.update(example.features, example.label)).toBe(
        model.update(example.features, example.label),
      );
    }
    expect(copy.toState()).toEqual(model.toState());
  });

  it('stores only the slots that have learned something, with no nested arrays', () => {
    const model = new FtrlModel();
    model.update({ a: 1, b: 2 }, 1);
    const state = model.toState();
    expect(Buffer.from(state.slots, 'base64').length).toBe(3 * 4); // a, b and the bias
    expect(Object.values(state).some(Array.isArray)).toBe(false);
  });

  it('keeps z and n but follows new hyperparameters when warm-started', () => {
    const model = new FtrlModel({ alpha: 0.05, l1: 0 });
    for (let step = 0; step < 100; step++) model.update({ x: 1 }, step % 4 === 0 ? 1 : 0);
    const faster = model.clone({ alpha: 0.1 });
    expect(faster.hyperparameters.alpha).toBe(0.1);
    expect(Math.abs(faster.weight('x'))).toBeGreaterThan(Math.abs(model.weight('x')));
    expect(() => model.clone({ bits: 10 })).toThrow('bits cannot change');
  });

  it('rejects a corrupt state with a clear error', () => {
    const state: FtrlState = new FtrlModel().toState();
    expect(() => FtrlModel.fromState({ ...state, z: Buffer.alloc(8).toString('base64') })).toThrow(
      /differ in length/,
    );
    expect(() =>
      FtrlModel.fromState({ ...state, format: 'other' } as unknown as FtrlState),
    ).toThrow();
  });

  it('names a feature that is not a finite number', () => {
    expect(() => new FtrlModel().predict({ recency: Number.NaN })).toThrow(
      'feature recency is NaN',
    );
  });

  it('rejects hyperparameters out of range', () => {
    expect(() => new FtrlModel({ alpha: 0 })).toThrow(/alpha/);
    expect(() => new FtrlModel({ bits: 30 })).toThrow(/bits/);
  });
});
