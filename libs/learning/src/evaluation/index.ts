export * from './exact-auc';
export * from './prequential';
export * from './paired-test';
export * from './normal-quantile';
