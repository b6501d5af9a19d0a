import type { CallQuarantinedV1, JsonObject, QuarantineViolation } from '@meridian/contracts';
import { isIngestCallType, MAX_MESSAGE_ID_LENGTH, type IngestCallType } from '../ingest';

/** The call a replay sends: its type and body, with the entry's messageId. */
export interface ReplayCall {
  readonly type: IngestCallType;
  readonly body: JsonObject;
}

/**
 * The messageId a replay of this entry publishes with, the same on every attempt, so a
 * replay retried after a crash between publish and record is dropped by the dedupe: the
 * messageId the client sent when it is usable (the call never reached INGEST, and a later
 * SDK retry of it is then recognised too), else the quarantine event id.
 */
export function replayMessageId(event: CallQuarantinedV1): string {
  const sent = event.payload.call['messageId'];
  if (typeof sent === 'string' && sent.length > 0 && sent.length <= MAX_MESSAGE_ID_LENGTH) {
    return sent;
  }
  return event.id;
}

/**
 * What to replay: the fixed call when one is given, else the call as sent, of the fix's
 * type, else the entry's. Any messageId of the fix is replaced by the entry's (see
 * replayMessageId). A call whose type cannot be told is a violation, like a batch entry
 * without one.
 */
export function replayCallOf(
  event: CallQuarantinedV1,
  fix: JsonObject | undefined,
): ReplayCall | QuarantineViolation {
  const body = fix ?? event.payload.call;
  const type = fix?.['type'] ?? event.payload.callType ?? event.payload.call['type'];
  if (!isIngestCallType(type)) {
    return {
      rule: 'INVALID_CALL_TYPE',
      path: ['type'],
      message:
        'the call type is unknown: replay with a fixed call whose "type" is track, identify, page, screen, group or alias',
    };
  }
  return { type, body: { ...body, messageId: replayMessageId(event) } };
}
