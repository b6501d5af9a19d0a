import { MessageClickedV1 } from './message-clicked.v1';
import { MessageDeliveredV1 } from './message-delivered.v1';
import { MessageFailedV1 } from './message-failed.v1';
import { MessageOpenedV1 } from './message-opened.v1';
import { MessageRequestedV1 } from './message-requested.v1';
import { MessageSentV1 } from './message-sent.v1';
import { MessageSkippedV1 } from './message-skipped.v1';

/** Every message lifecycle event on `message.<status>.<channel>.<partition>`, one schema per type. */
export const MESSAGE_LIFECYCLE_SCHEMAS = [
  MessageRequestedV1,
  MessageSentV1,
  MessageDeliveredV1,
  MessageOpenedV1,
  MessageClickedV1,
  MessageSkippedV1,
  MessageFailedV1,
] as const;

export type MessageLifecycleEvent =
  | MessageRequestedV1
  | MessageSentV1
  | MessageDeliveredV1
  | MessageOpenedV1
  | MessageClickedV1
  | MessageSkippedV1
  | MessageFailedV1;
