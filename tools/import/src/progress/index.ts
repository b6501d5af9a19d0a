export {
  etaMsOf,
  formatCount,
  formatDuration,
  fractionOf,
  ProgressReporter,
  rateOf,
  renderBarLine,
  renderPlainLine,
  type ProgressOutput,
  type ProgressSnapshot,
} from './progress';
