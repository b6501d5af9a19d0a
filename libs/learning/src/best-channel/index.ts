export * from './best-channel';
