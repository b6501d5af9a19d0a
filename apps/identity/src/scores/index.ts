export { applyScores, type ScoresOutcome } from './apply-scores';
export { ScoresModule } from './scores.module';
