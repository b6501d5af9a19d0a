import { Controller } from '@nestjs/common';
import {
  consumers,
  MessageClickedV1,
  MessageDeliveredV1,
  MessageFailedV1,
  MessageOpenedV1,
  MessageRequestedV1,
  MessageRoutedV1,
  MessageSentV1,
  MessageSkippedV1,
} from '@meridian/contracts';
import { JetStreamHandler, type JetStreamContext } from '@meridian/messaging';
import { ErasedProfileEvents } from '../erasure';
import { failPermanentlyWhenUnprocessable } from '../profiles';
import { MessageRecordingService } from './message-recording.service';
import type { MessageLifecycleEvent } from './message-lifecycle';

/**
 * Message lifecycle events from the senders and orchestration. The transport wants exactly
 * one handler per event type, so each type has its own method; all record the same way. Events
 * of a profile erased meanwhile are dropped.
 */
@Controller()
export class MessageEventsController {
  constructor(
    private readonly recording: MessageRecordingService,
    private readonly erased: ErasedProfileEvents,
  ) {}

  @JetStreamHandler(consumers.identityMessages, MessageRequestedV1)
  onRequested(event: MessageRequestedV1, context: JetStreamContext): Promise<void> {
    return this.record(event, context);
  }

  @JetStreamHandler(consumers.identityMessages, MessageSentV1)
  onSent(event: MessageSentV1, context: JetStreamContext): Promise<void> {
    return this.record(event, context);
  }

  @JetStreamHandler(consumers.identityMessages, MessageDeliveredV1)
  onDelivered(event: MessageDeliveredV1, context: JetStreamContext): Promise<void> {
    return this.record(event, context);
  }

  @JetStreamHandler(consumers.identityMessages, MessageOpenedV1)
  onOpened(event: MessageOpenedV1, context: JetStreamContext): Promise<void> {
    return this.record(event, context);
  }

  @JetStreamHandler(consumers.identityMessages, MessageClickedV1)
  onClicked(event: MessageClickedV1, context: JetStreamContext): Promise<void> {
    return this.record(event, context);
  }

  @JetStreamHandler(consumers.identityMessages, MessageSkippedV1)
  onSkipped(event: MessageSkippedV1, context: JetStreamContext): Promise<void> {
    return this.record(event, context);
  }

  @JetStreamHandler(consumers.identityMessages, MessageFailedV1)
  onFailed(event: MessageFailedV1, context: JetStreamContext): Promise<void> {
    return this.record(event, context);
  }

  /** An event another partition passed on, because the survivor of its profile lives here. */
  @JetStreamHandler(consumers.identityIngest, MessageRoutedV1)
  onRouted(routed: MessageRoutedV1, context: JetStreamContext): Promise<void> {
    const { event, survivorId, hops } = routed.payload;
    return failPermanentlyWhenUnprocessable(() =>
      this.erased.dropIfErased(routed.workspaceId, routed.id, () =>
        this.recording.record(event, context.info.partition, { profileId: survivorId, hops }),
      ),
    );
  }

  private record(event: MessageLifecycleEvent, context: JetStreamContext): Promise<void> {
    return failPermanentlyWhenUnprocessable(() =>
      this.erased.dropIfErased(event.workspaceId, event.id, () =>
        this.recording.record(event, context.info.partition),
      ),
    );
  }
}
