export * from './bandit';
export * from './best-channel';
export * from './evaluation';
export * from './propensity';
export * from './registry';
export * from './send-time';
