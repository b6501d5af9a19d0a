import type { SeededRandom } from '@meridian/random';

/** Held locally: a global `Math` lookup is slow inside Jest's VM context. */
const { exp } = Math;

/** One of the items, drawn with probability proportional to its weight. */
export function weightedItem<T>(random: SeededRandom, items: readonly (readonly [T, number])[]): T {
  const [item] = items[random.weightedIndex(items.map(([, weight]) => weight))] ?? [];
  if (item === undefined) throw new RangeError('weighted pick from an empty list');
  return item;
}

export function sigmoid(logit: number): number {
  return 1 / (1 + exp(-logit));
}
