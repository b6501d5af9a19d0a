// The learners' randomness is the code base's one seeded PRNG.
export { SeededRandom, standardNormal, type RandomSource } from '@meridian/random';
