export * from './group';
export * from './mappings';
export * from './read';
