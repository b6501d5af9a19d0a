export * from './binary-state';
export * from './model-version';
