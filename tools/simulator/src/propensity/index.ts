export { runPropensityExperiment } from './experiment';
export { type PropensityExperimentOptions } from './settings';
export {
  TARGET_AUC_GAP,
  type HoldoutScores,
  type PropensityPromotion,
  type PropensityReport,
} from './report';
