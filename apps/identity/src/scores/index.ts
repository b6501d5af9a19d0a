export { applyScores, type ScoresOutcome } from './apply-scores';
export { MAX_SCORE_HOPS } from './score-recording.service';
export { ScoresModule } from './scores.module';
