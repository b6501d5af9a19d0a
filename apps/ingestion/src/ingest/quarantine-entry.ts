import { createHash } from 'node:crypto';
import type {
  CallQuarantinedV1,
  JsonObject,
  QuarantineKind,
  QuarantineViolation,
} from '@meridian/contracts';
import type { WriteKeyOwner } from '@meridian/workspaces';
import type { RefusedCall } from './batch-request';
import type { QuarantinedCall } from './call-admission';
import { isIngestCallType, type IngestCallType } from './call-normalisers';
import { isPlainObject } from './request-body';

/** The reason code of a call the tracking plan blocked. */
export const TRACKING_PLAN_BLOCKED = 'TRACKING_PLAN_BLOCKED';

/** One call kept off the INGEST stream, with why, ready to be quarantined. */
export interface QuarantineEntry {
  readonly kind: QuarantineKind;
  readonly code: string;
  readonly violations: readonly QuarantineViolation[];
  /** The call as the client sent it. */
  readonly call: JsonObject;
  /** Its type, from the route or the batch entry; undefined when it had none we know. */
  readonly callType?: IngestCallType;
}

/** A call the tracking plan blocked; `raw` is the call as sent, before normalisation. */
export function blockedEntry(blocked: QuarantinedCall, raw: unknown): QuarantineEntry {
  return {
    kind: 'blocked',
    code: TRACKING_PLAN_BLOCKED,
    violations: blocked.violations.map(({ rule, path, message }) => ({
      rule,
      path: [...path],
      message,
    })),
    call: asJsonObject(raw),
    callType: blocked.call.type,
  };
}

/**
 * A call refused by validation, hygiene or consent: one violation per issue, else one for
 * the code. `type` is the route's; a batch entry's own `type` is used without it.
 */
export function invalidEntry(
  refused: RefusedCall,
  raw: unknown,
  type?: IngestCallType,
): QuarantineEntry {
  const issues = refused.issues ?? [];
  const violations =
    issues.length > 0
      ? issues.map((issue) => ({
          rule: refused.code,
          path: issue.path.map((key) => (typeof key === 'number' ? key : String(key))),
          message: issue.message,
        }))
      : [{ rule: refused.code, path: [], message: refused.message }];
  const callType =
    type ?? (isPlainObject(raw) && isIngestCallType(raw['type']) ? raw['type'] : undefined);
  return {
    kind: 'invalid',
    code: refused.code,
    violations,
    call: asJsonObject(raw),
    ...(callType === undefined ? {} : { callType }),
  };
}

/**
 * The envelope id of a quarantined call, from (workspace, messageId as sent or else a hash
 * of the call, kind): an SDK retrying the same call produces the same id, which is the
 * Nats-Msg-Id, so the QUARANTINE stream's duplicate window keeps one copy.
 */
export function quarantineEventId(workspaceId: string, entry: QuarantineEntry): string {
  const messageId = entry.call['messageId'];
  const identity =
    typeof messageId === 'string' && messageId.length > 0
      ? `m\u0000${messageId}`
      : `b\u0000${createHash('sha256').update(JSON.stringify(entry.call), 'utf8').digest('hex')}`;
  const digest = createHash('sha256')
    .update(`${workspaceId}\u0000${identity}\u0000${entry.kind}`, 'utf8')
    .digest('hex');
  return `quarantine_${digest}`;
}

/** The quarantine event of one entry; the first of its own causal chain. */
export function callQuarantinedEvent(
  owner: WriteKeyOwner,
  entry: QuarantineEntry,
  receivedAt: Date,
): CallQuarantinedV1 {
  const id = quarantineEventId(owner.workspaceId, entry);
  const at = receivedAt.toISOString();
  return {
    id,
    type: 'call.quarantined',
    version: 1,
    workspaceId: owner.workspaceId,
    occurredAt: at,
    receivedAt: at,
    correlationId: id,
    causationId: null,
    payload: {
      sourceId: owner.sourceId,
      kind: entry.kind,
      code: entry.code,
      violations: entry.violations.map((violation) => ({
        ...violation,
        path: [...violation.path],
      })),
      call: entry.call,
      ...(entry.callType === undefined ? {} : { callType: entry.callType }),
    },
  };
}

/** What the violations metric calls the call: its track event name, else its type. */
export function eventLabelOf(call: JsonObject): string {
  const { type, event } = call;
  const label = type === 'track' && typeof event === 'string' && event.length > 0 ? event : type;
  // Bounded: the label is client input.
  return typeof label === 'string' && label.length > 0 ? label.slice(0, 100) : 'unknown';
}

/** The call as sent, minus a body writeKey: a credential is not kept for review. */
function asJsonObject(raw: unknown): JsonObject {
  if (!isPlainObject(raw)) return { value: raw };
  const call: JsonObject = { ...raw };
  delete call['writeKey'];
  return call;
}
