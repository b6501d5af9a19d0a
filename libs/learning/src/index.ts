export * from './evaluation';
export * from './propensity';
export * from './registry';
