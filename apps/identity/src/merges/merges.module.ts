import { Module } from '@nestjs/common';
import { ProfilesModule, ProfileStoreModule } from '../profiles';
import { MergeCommandsController } from './merge-commands.controller';
import { MergeService } from './merge.service';

/** Merges of profiles found to be one person, carried out by the partitions that own them. */
@Module({
  imports: [ProfileStoreModule, ProfilesModule],
  controllers: [MergeCommandsController],
  providers: [MergeService],
})
export class MergesModule {}
