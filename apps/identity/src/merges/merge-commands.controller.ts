import { Controller } from '@nestjs/common';
import { consumers, ProfileAbsorbRequestedV1, ProfileMergeRequestedV1 } from '@meridian/contracts';
import { JetStreamHandler } from '@meridian/messaging';
import { failPermanentlyWhenUnprocessable } from '../profiles';
import { MergeService } from './merge.service';

/** The two steps of a merge, each on the partition of the profile it writes (identity-ingest). */
@Controller()
export class MergeCommandsController {
  constructor(private readonly merges: MergeService) {}

  @JetStreamHandler(consumers.identityIngest, ProfileMergeRequestedV1)
  async onMergeRequested(request: ProfileMergeRequestedV1): Promise<void> {
    await failPermanentlyWhenUnprocessable(() => this.merges.retire(request));
  }

  @JetStreamHandler(consumers.identityIngest, ProfileAbsorbRequestedV1)
  async onAbsorbRequested(request: ProfileAbsorbRequestedV1): Promise<void> {
    await failPermanentlyWhenUnprocessable(() => this.merges.absorb(request));
  }
}
