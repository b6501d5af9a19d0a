/**
 * The seeded PRNG the generators draw from (mulberry32, @meridian/random): the same seed gives
 * the same people and the same corruptions on every machine, so accuracy figures are
 * reproducible.
 */
export { SeededRandom as Prng } from '@meridian/random';
