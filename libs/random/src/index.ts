export { SeededRandom, standardNormal, type RandomSource } from './seeded-random';
