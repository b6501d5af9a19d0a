import { Controller } from '@nestjs/common';
import {
  consumers,
  MessageClickedV1,
  MessageDeliveredV1,
  MessageFailedV1,
  MessageOpenedV1,
  MessageRequestedV1,
  MessageSentV1,
  MessageSkippedV1,
} from '@meridian/contracts';
import { JetStreamHandler, type JetStreamContext } from '@meridian/messaging';
import { ModelsService } from '../models';
import { RfmService, type MessageLifecycleEvent } from '../rfm';

/**
 * Message lifecycle events of this instance's partitions (scoring-messages), handed to every
 * scoring feature that learns from them: engagement RFM (deliveries, opens, clicks). The
 * transport wants one handler per event type, so each type has its own method; all go through
 * `handle`, where a feature is added with one line. Types no feature uses are acknowledged.
 */
@Controller()
export class ScoringMessagesHandler {
  constructor(
    private readonly rfm: RfmService,
    private readonly models: ModelsService,
  ) {}

  @JetStreamHandler(consumers.scoringMessages, MessageRequestedV1)
  onRequested(event: MessageRequestedV1, context: JetStreamContext): Promise<void> {
    return this.handle(event, context);
  }

  @JetStreamHandler(consumers.scoringMessages, MessageSentV1)
  onSent(event: MessageSentV1, context: JetStreamContext): Promise<void> {
    return this.handle(event, context);
  }

  @JetStreamHandler(consumers.scoringMessages, MessageDeliveredV1)
  onDelivered(event: MessageDeliveredV1, context: JetStreamContext): Promise<void> {
    return this.handle(event, context);
  }

  @JetStreamHandler(consumers.scoringMessages, MessageOpenedV1)
  onOpened(event: MessageOpenedV1, context: JetStreamContext): Promise<void> {
    return this.handle(event, context);
  }

  @JetStreamHandler(consumers.scoringMessages, MessageClickedV1)
  onClicked(event: MessageClickedV1, context: JetStreamContext): Promise<void> {
    return this.handle(event, context);
  }

  @JetStreamHandler(consumers.scoringMessages, MessageSkippedV1)
  onSkipped(event: MessageSkippedV1, context: JetStreamContext): Promise<void> {
    return this.handle(event, context);
  }

  @JetStreamHandler(consumers.scoringMessages, MessageFailedV1)
  onFailed(event: MessageFailedV1, context: JetStreamContext): Promise<void> {
    return this.handle(event, context);
  }

  private async handle(event: MessageLifecycleEvent, context: JetStreamContext): Promise<void> {
    await this.rfm.onMessageEvent(event, context.partition);
    await this.models.handleMessageEvent(event);
  }
}
