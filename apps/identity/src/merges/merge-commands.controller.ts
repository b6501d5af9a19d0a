import { Controller } from '@nestjs/common';
import {
  consumers,
  IdentifierRemovalRequestedV1,
  ProfileAbsorbRequestedV1,
  ProfileMergeRequestedV1,
  ProfileRestoreRequestedV1,
  ProfileUnmergeRequestedV1,
} from '@meridian/contracts';
import { JetStreamHandler } from '@meridian/messaging';
import { failPermanentlyWhenUnprocessable } from '../profiles';
import { MergeService } from './merge.service';
import { UnmergeService } from './unmerge.service';

/**
 * The steps of merges, unmerges and identifier removals, each on the partition of the profile
 * it writes (identity-ingest).
 */
@Controller()
export class MergeCommandsController {
  constructor(
    private readonly merges: MergeService,
    private readonly unmerges: UnmergeService,
  ) {}

  @JetStreamHandler(consumers.identityIngest, ProfileMergeRequestedV1)
  async onMergeRequested(request: ProfileMergeRequestedV1): Promise<void> {
    await failPermanentlyWhenUnprocessable(() => this.merges.retire(request));
  }

  @JetStreamHandler(consumers.identityIngest, ProfileAbsorbRequestedV1)
  async onAbsorbRequested(request: ProfileAbsorbRequestedV1): Promise<void> {
    await failPermanentlyWhenUnprocessable(() => this.merges.absorb(request));
  }

  @JetStreamHandler(consumers.identityIngest, ProfileUnmergeRequestedV1)
  async onUnmergeRequested(request: ProfileUnmergeRequestedV1): Promise<void> {
    await failPermanentlyWhenUnprocessable(() => this.unmerges.unmerge(request));
  }

  @JetStreamHandler(consumers.identityIngest, ProfileRestoreRequestedV1)
  async onRestoreRequested(request: ProfileRestoreRequestedV1): Promise<void> {
    await failPermanentlyWhenUnprocessable(() => this.unmerges.restore(request));
  }

  @JetStreamHandler(consumers.identityIngest, IdentifierRemovalRequestedV1)
  async onIdentifierRemovalRequested(request: IdentifierRemovalRequestedV1): Promise<void> {
    await failPermanentlyWhenUnprocessable(() => this.unmerges.removeIdentifier(request));
  }
}
