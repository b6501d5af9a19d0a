import { SeededRandom } from '../random';
import type { FeatureVector } from './feature-vector';

/**
 * Seeded synthetic examples for this library's specs (not exported): a stream drawn from a known
 * logistic model, so that what a learner should reach is known.
 */
/** Held locally: a global `Math` lookup is slow inside Jest's VM context. */
const { exp } = Math;

export interface SyntheticExample {
  readonly features: FeatureVector;
  readonly label: 0 | 1;
  /** The true probability the label was drawn with. */
  readonly probability: number;
}

export interface LogisticStreamOptions {
  readonly seed: number;
  readonly examples: number;
  /** True weights of the numeric features x0, x1, … (each standard normal). */
  readonly weights: readonly number[];
  readonly bias?: number;
  /** Irrelevant numeric features added beside the true ones (their true weight is 0). */
  readonly noiseFeatures?: number;
  /** Scales the logit; large values make the labels nearly deterministic (separable). */
  readonly sharpness?: number;
}

export function logisticStream(options: LogisticStreamOptions): SyntheticExample[] {
  const random = new SeededRandom(options.seed);
  const examples: SyntheticExample[] = [];
  for (let index = 0; index < options.examples; index++) {
    const features: FeatureVector = {};
    let logit = options.bias ?? 0;
    options.weights.forEach((weight, feature) => {
      const value = random.normal();
      features[`x${feature}`] = value;
      logit += weight * value;
    });
    for (let noise = 0; noise < (options.noiseFeatures ?? 0); noise++) {
      features[`noise${noise}`] = random.normal();
    }
    const probability = 1 / (1 + exp(-logit * (options.sharpness ?? 1)));
    examples.push({ features, label: random.next() < probability ? 1 : 0, probability });
  }
  return examples;
}
