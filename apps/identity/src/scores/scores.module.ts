import { Module } from '@nestjs/common';
import { ErasedProfilesModule } from '../erasure';
import { ProfileStoreModule } from '../profiles';
import { ScoreCommandsController } from './score-commands.controller';
import { ScoreRecordingService } from './score-recording.service';

/** Scores and segment memberships scoring writes on golden records (profile.scores.updated). */
@Module({
  imports: [ProfileStoreModule, ErasedProfilesModule],
  controllers: [ScoreCommandsController],
  providers: [ScoreRecordingService],
})
export class ScoresModule {}
