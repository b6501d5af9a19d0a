export { applyMessageEvent, historyEntryOf, type MessageOutcome } from './apply-message';
export {
  describeLifecycleEvent,
  MESSAGE_LIFECYCLE_SCHEMAS,
  type MessageLifecycleEvent,
} from './message-lifecycle';
export { MessagesModule } from './messages.module';
