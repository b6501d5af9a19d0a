export { GateSuppressionFilter, SuppressionFilter } from './suppression-filter';
export { SuppressionMetrics } from './suppression.metrics';
export { SuppressionModule } from './suppression.module';
