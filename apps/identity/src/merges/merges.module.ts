import { Module } from '@nestjs/common';
import { ProfileStoreModule } from '../profiles';
import { MergeCommandsController } from './merge-commands.controller';
import { MergeService } from './merge.service';
import { UnmergeService } from './unmerge.service';

/**
 * Merges of profiles found to be one person, and their corrections (unmerge, identifier
 * removal), carried out by the partitions that own the profiles.
 */
@Module({
  imports: [ProfileStoreModule],
  controllers: [MergeCommandsController],
  providers: [MergeService, UnmergeService],
})
export class MergesModule {}
