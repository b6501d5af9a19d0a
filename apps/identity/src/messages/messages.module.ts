import { Module } from '@nestjs/common';
import { ErasedProfilesModule } from '../erasure';
import { ProfileStoreModule } from '../profiles';
import { MessageEventsController } from './message-events.controller';
import { MessageRecordingService } from './message-recording.service';

/** Message history and engagement on profiles (the identity-messages consumer). */
@Module({
  imports: [ProfileStoreModule, ErasedProfilesModule],
  controllers: [MessageEventsController],
  providers: [MessageRecordingService],
})
export class MessagesModule {}
