import { Controller } from '@nestjs/common';
import { consumers, ProfileScoresUpdatedV1, ProfileScoresUpdatedV2 } from '@meridian/contracts';
import { JetStreamHandler, type JetStreamContext } from '@meridian/messaging';
import { ErasedProfileEvents } from '../erasure';
import { failPermanentlyWhenUnprocessable } from '../profiles';
import { ScoreRecordingService } from './score-recording.service';

/** Scoring's scores and segments, on the partition consumers that write profiles (identity-ingest). */
@Controller()
export class ScoreCommandsController {
  constructor(
    private readonly recording: ScoreRecordingService,
    private readonly erased: ErasedProfileEvents,
  ) {}

  @JetStreamHandler(consumers.identityIngest, ProfileScoresUpdatedV1)
  async onScoresUpdated(command: ProfileScoresUpdatedV1, context: JetStreamContext): Promise<void> {
    await this.record(command, context);
  }

  /** v2 adds the RFM (`scores.rfm` on the golden record). */
  @JetStreamHandler(consumers.identityIngest, ProfileScoresUpdatedV2)
  async onScoresUpdatedV2(
    command: ProfileScoresUpdatedV2,
    context: JetStreamContext,
  ): Promise<void> {
    await this.record(command, context);
  }

  /** Scores computed just before the profile was erased are dropped with it. */
  private async record(
    command: ProfileScoresUpdatedV1 | ProfileScoresUpdatedV2,
    context: JetStreamContext,
  ): Promise<void> {
    await failPermanentlyWhenUnprocessable(() =>
      this.erased.dropIfErased(command.workspaceId, command.id, () =>
        this.recording.record(command, context.info.partition),
      ),
    );
  }
}
