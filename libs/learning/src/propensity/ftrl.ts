import { z } from 'zod';
import {
  decodeFloat64Base64,
  decodeUint32Base64,
  encodeFloat64Base64,
  encodeUint32Base64,
} from '../registry/binary-state';
import type { FeatureVector } from './feature-vector';
import { featureSlot } from './hashing';

/**
 * FTRL-Proximal hyperparameters (McMahan et al. 2013, "Ad Click Prediction: a View from the
 * Trenches"): the per-coordinate learning rate is alpha / (beta + sqrt(sum of squared
 * gradients)); l1 drives rarely useful weights to exactly zero, l2 shrinks the rest.
 */
export const FtrlHyperparameters = z.object({
  alpha: z.number().positive().default(0.1),
  beta: z.number().nonnegative().default(1),
  l1: z.number().nonnegative().default(0.5),
  l2: z.number().nonnegative().default(1),
  /** 2^bits hashed weight slots, plus one for the bias. */
  bits: z.number().int().min(4).max(24).default(16),
  /** Seeds the feature hash: two models with other seeds collide on other names. */
  hashSeed: z.number().int().min(0).max(0xffffffff).default(0),
});
export type FtrlHyperparameters = z.infer<typeof FtrlHyperparameters>;
export type FtrlOptions = z.input<typeof FtrlHyperparameters>;

/**
 * The learned state as a flat document: only the slots that have seen a gradient, as
 * parallel base64 arrays (slot indices as uint32, z and n as float64), so it has no nested
 * arrays and stays small however large 2^bits is.
 */
export const FtrlState = z.object({
  format: z.literal('ftrl-proximal/sparse-v1'),
  hyperparameters: FtrlHyperparameters.required(),
  examples: z.number().int().nonnegative(),
  slots: z.string(),
  z: z.string(),
  n: z.string(),
});
export type FtrlState = z.infer<typeof FtrlState>;

/** Math's functions held locally: a global `Math` lookup is slow inside Jest's VM context. */
const { abs, exp, max, min, sign, sqrt } = Math;
const { keys } = Object;
const { isFinite: isFiniteNumber } = Number;

/** Logits beyond ±35 give probabilities indistinguishable from 0 or 1 in float64. */
const MAX_LOGIT = 35;

/** Online logistic regression by FTRL-Proximal over hashed sparse features. */
export class FtrlModel {
  readonly hyperparameters: Readonly<FtrlHyperparameters>;
  private readonly z: Float64Array;
  private readonly n: Float64Array;
  private readonly biasSlot: number;
  private seen = 0;
  /**
   * Scratch space for one example's hashed features, reused across calls: the slots and
   * values in use, and per slot the stamp of the last example that used it and where.
   * Written without Maps or iterators, which are slow under Jest's VM context and would make
   * the simulator's specs crawl.
   */
  private activeSlots = new Int32Array(64);
  private activeValues = new Float64Array(64);
  private readonly stampOf: Uint32Array;
  private readonly positionOf: Int32Array;
  private stamp = 0;

  constructor(options: FtrlOptions = {}) {
    this.hyperparameters = Object.freeze(FtrlHyperparameters.parse(options));
    this.biasSlot = 1 << this.hyperparameters.bits;
    this.z = new Float64Array(this.biasSlot + 1);
    this.n = new Float64Array(this.biasSlot + 1);
    this.stampOf = new Uint32Array(this.biasSlot + 1);
    this.positionOf = new Int32Array(this.biasSlot + 1);
  }

  /** Examples learned so far. */
  get examples(): number {
    return this.seen;
  }

  /** The probability that the label is 1. */
  predict(features: FeatureVector): number {
    return this.probability(this.hash(features));
  }

  /**
   * Learns one example and returns the probability predicted for it BEFORE learning, which
   * is what progressive validation scores (test, then train).
   */
  update(features: FeatureVector, label: 0 | 1 | boolean): number {
    const target = label === true || label === 1 ? 1 : 0;
    const active = this.hash(features);
    const probability = this.probability(active);
    const { alpha } = this.hyperparameters;
    for (let index = 0; index < active; index++) {
      const slot = this.activeSlots[index] ?? 0;
      const gradient = (probability - target) * (this.activeValues[index] ?? 0);
      const n = this.n[slot] ?? 0;
      const sigma = (sqrt(n + gradient * gradient) - sqrt(n)) / alpha;
      this.z[slot] = (this.z[slot] ?? 0) + gradient - sigma * this.weightAt(slot);
      this.n[slot] = n + gradient * gradient;
    }
    this.seen++;
    return probability;
  }

  /** The weight a feature name currently has (shared with any name it collides with). */
  weight(name: string): number {
    return this.weightAt(this.slotOf(name));
  }

  get bias(): number {
    return this.weightAt(this.biasSlot);
  }

  /** How many slots, bias included, have a weight other than zero (l1 makes this small). */
  nonZeroWeights(): number {
    let count = 0;
    for (let slot = 0; slot <= this.biasSlot; slot++) if (this.weightAt(slot) !== 0) count++;
    return count;
  }

  toState(): FtrlState {
    const slots: number[] = [];
    const z: number[] = [];
    const n: number[] = [];
    for (let slot = 0; slot <= this.biasSlot; slot++) {
      const zi = this.z[slot] ?? 0;
      const ni = this.n[slot] ?? 0;
      if (zi === 0 && ni === 0) continue;
      slots.push(slot);
      z.push(zi);
      n.push(ni);
    }
    return {
      format: 'ftrl-proximal/sparse-v1',
      hyperparameters: { ...this.hyperparameters },
      examples: this.seen,
      slots: encodeUint32Base64(slots),
      z: encodeFloat64Base64(z),
      n: encodeFloat64Base64(n),
    };
  }

  /**
   * Loads a state. With `hyperparameters`, the learned z and n are kept but the weights
   * follow the new alpha, beta, l1 and l2: a warm start for a challenger (bits and hashSeed
   * cannot change, since the slots would no longer mean the same names).
   */
  static fromState(
    input: FtrlState,
    hyperparameters: Partial<FtrlHyperparameters> = {},
  ): FtrlModel {
    const state = FtrlState.parse(input);
    const merged = { ...state.hyperparameters, ...hyperparameters };
    if (merged.bits !== state.hyperparameters.bits) {
      throw new RangeError('hyperparameters.bits cannot change when a state is loaded');
    }
    if (merged.hashSeed !== state.hyperparameters.hashSeed) {
      throw new RangeError('hyperparameters.hashSeed cannot change when a state is loaded');
    }
    const model = new FtrlModel(merged);
    const slots = decodeUint32Base64(state.slots, 'slots');
    const z = decodeFloat64Base64(state.z, 'z');
    const n = decodeFloat64Base64(state.n, 'n');
    if (z.length !== slots.length || n.length !== slots.length) {
      throw new RangeError(
        `slots, z and n differ in length (${slots.length}, ${z.length}, ${n.length})`,
      );
    }
    slots.forEach((slot, index) => {
      if (slot > model.biasSlot) throw new RangeError(`slot ${slot} is beyond 2^bits`);
      model.z[slot] = z[index] ?? 0;
      model.n[slot] = n[index] ?? 0;
    });
    model.seen = state.examples;
    return model;
  }

  /** An independent copy, optionally with other learning-rate or regularisation settings. */
  clone(hyperparameters: Partial<FtrlHyperparameters> = {}): FtrlModel {
    return FtrlModel.fromState(this.toState(), hyperparameters);
  }

  /** The closed-form FTRL-Proximal weight of one coordinate from its z and n. */
  private weightAt(slot: number): number {
    const z = this.z[slot] ?? 0;
    const { alpha, beta, l1, l2 } = this.hyperparameters;
    if (abs(z) <= l1) return 0;
    const n = this.n[slot] ?? 0;
    return -(z - sign(z) * l1) / ((beta + sqrt(n)) / alpha + l2);
  }

  /** The probability for the `active` slots filled in by hash(). */
  private probability(active: number): number {
    let logit = 0;
    for (let index = 0; index < active; index++) {
      logit += this.weightAt(this.activeSlots[index] ?? 0) * (this.activeValues[index] ?? 0);
    }
    const clipped = max(-MAX_LOGIT, min(MAX_LOGIT, logit));
    return 1 / (1 + exp(-clipped));
  }

  /**
   * Hashes an example into the scratch arrays, the bias first as a constant 1, names that
   * collide adding up (so a slot is updated once per example); returns how many are active.
   */
  private hash(features: FeatureVector): number {
    this.stamp = this.stamp === 0xffffffff ? 1 : this.stamp + 1;
    if (this.stamp === 1) this.stampOf.fill(0);
    let active = this.activate(this.biasSlot, 0);
    this.activeValues[0] = 1;
    const names = keys(features);
    for (let index = 0; index < names.length; index++) {
      const name = names[index] ?? '';
      const value = features[name] ?? 0;
      if (!isFiniteNumber(value))
        throw new RangeError(`feature ${name} is ${value}, not a finite number`);
      if (value === 0) continue;
      const slot = this.slotOf(name);
      if (this.stampOf[slot] === this.stamp) {
        const position = this.positionOf[slot] ?? 0;
        this.activeValues[position] = (this.activeValues[position] ?? 0) + value;
      } else {
        active = this.activate(slot, active);
        this.activeValues[active - 1] = value;
      }
    }
    return active;
  }

  /** Marks a slot as used by the current example at position `active`; returns the new count. */
  private activate(slot: number, active: number): number {
    if (active === this.activeSlots.length) {
      const slots = new Int32Array(active * 2);
      slots.set(this.activeSlots);
      const values = new Float64Array(active * 2);
      values.set(this.activeValues);
      this.activeSlots = slots;
      this.activeValues = values;
    }
    this.activeSlots[active] = slot;
    this.stampOf[slot] = this.stamp;
    this.positionOf[slot] = active;
    return active + 1;
  }

  private slotOf(name: string): number {
    return featureSlot(name, this.hyperparameters.bits, this.hyperparameters.hashSeed);
  }
}
