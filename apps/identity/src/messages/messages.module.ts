import { Module } from '@nestjs/common';
import { ProfileStoreModule } from '../profiles';
import { MessageEventsController } from './message-events.controller';
import { MessageRecordingService } from './message-recording.service';

/** Message history and engagement on profiles (the identity-messages consumer). */
@Module({
  imports: [ProfileStoreModule],
  controllers: [MessageEventsController],
  providers: [MessageRecordingService],
})
export class MessagesModule {}
