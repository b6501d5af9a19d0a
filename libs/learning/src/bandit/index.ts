export * from './bandit-state';
export * from './context';
export * from './contextual-bandit';
export * from './pending-decisions';
export { SeededRandom, standardNormal, type RandomSource } from '../random';
