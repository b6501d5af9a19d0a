import { eventNameOf, statusOf, type ResolvedRecord } from './quarantine-page';
import type { QuarantineResolution } from './quarantine-resolution.collection';
import type { QuarantineEntryView, QuarantineResolutionView } from './quarantine.schemas';

/** An entry as the admin API answers it. */
export function viewOf({ record, resolution }: ResolvedRecord): QuarantineEntryView {
  const { event } = record;
  const { payload } = event;
  return {
    entryId: String(record.sequence),
    eventId: event.id,
    receivedAt: event.receivedAt,
    sourceId: payload.sourceId,
    kind: payload.kind,
    code: payload.code,
    violations: payload.violations,
    call: payload.call,
    ...(payload.callType === undefined ? {} : { callType: payload.callType }),
    event: eventNameOf(payload),
    status: statusOf(resolution),
    resolution: resolution === null ? null : resolutionViewOf(resolution),
  };
}

function resolutionViewOf(resolution: QuarantineResolution): QuarantineResolutionView {
  return {
    status: resolution.status,
    at: resolution.at.toISOString(),
    actor: { keyId: resolution.actorKeyId, role: resolution.actorRole },
    ...(resolution.messageId === undefined ? {} : { messageId: resolution.messageId }),
    ...(resolution.fixed === undefined ? {} : { fixed: resolution.fixed }),
    ...(resolution.reason === undefined ? {} : { reason: resolution.reason }),
  };
}
