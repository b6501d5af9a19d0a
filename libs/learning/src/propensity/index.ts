export * from './feature-vector';
export * from './hashing';
export * from './ftrl';
export * from './profile-features';
export * from './label-window';
export * from './champion-challenger';
