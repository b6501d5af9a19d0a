import { isIngestCallType, INGEST_CALL_TYPES, type IngestCallType } from './call-normalisers';
import { IngestRejection, type RejectionCode, type RejectionIssue } from './ingest-rejection';
import { isPlainObject, MAX_EVENT_BYTES } from './request-body';

/** Segment's limit on calls per batch request. */
export const MAX_BATCH_EVENTS = 2_500;

/** One call of a request, as sent, before normalisation. */
export interface RawCall {
  /** Position in the batch (0 for a single call); refusals are reported by it. */
  readonly index: number;
  readonly type: IngestCallType;
  readonly raw: Readonly<Record<string, unknown>>;
}

/** A call of a batch that was not accepted, and why. */
export interface RefusedCall {
  readonly index: number;
  readonly code: RejectionCode;
  readonly message: string;
  /** Validation details; a single call's error body shows them, a batch answer does not. */
  readonly issues?: readonly RejectionIssue[];
}

export interface BatchContents {
  readonly calls: readonly RawCall[];
  readonly refused: readonly RefusedCall[];
}

/** What a batch says once for all its calls. */
interface BatchDefaults {
  readonly context: Readonly<Record<string, unknown>> | undefined;
  readonly integrations: Readonly<Record<string, unknown>> | undefined;
  readonly sentAt: unknown;
}

/**
 * The calls of a `{ batch: [...], context?, integrations?, sentAt? }` body, each with the
 * batch-level fields merged in (the call wins). A malformed envelope refuses the whole
 * request; a malformed call is only listed as refused, so its neighbours still get in.
 */
export function batchContentsOf(body: Readonly<Record<string, unknown>>): BatchContents {
  const batch = body['batch'];
  if (!Array.isArray(batch)) {
    throw new IngestRejection('INVALID_BATCH', 'the body needs a "batch" array of calls');
  }
  if (batch.length > MAX_BATCH_EVENTS) {
    throw new IngestRejection(
      'TOO_MANY_EVENTS',
      `a batch may hold at most ${MAX_BATCH_EVENTS} calls, this one has ${batch.length}`,
    );
  }
  const defaults = batchDefaultsOf(body);
  const calls: RawCall[] = [];
  const refused: RefusedCall[] = [];
  batch.forEach((item: unknown, index) => {
    const call = rawCallOf(item, index, defaults);
    if ('code' in call) refused.push(call);
    else calls.push(call);
  });
  return { calls, refused };
}

function batchDefaultsOf(body: Readonly<Record<string, unknown>>): BatchDefaults {
  return {
    context: optionalObject(body, 'context'),
    integrations: optionalObject(body, 'integrations'),
    sentAt: body['sentAt'] ?? undefined,
  };
}

function optionalObject(
  body: Readonly<Record<string, unknown>>,
  field: string,
): Readonly<Record<string, unknown>> | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (isPlainObject(value)) return value;
  throw new IngestRejection('INVALID_BATCH', `the batch's "${field}" must be an object`);
}

function rawCallOf(item: unknown, index: number, defaults: BatchDefaults): RawCall | RefusedCall {
  if (!isPlainObject(item) || !isIngestCallType(item['type'])) {
    return {
      index,
      code: 'INVALID_CALL_TYPE',
      message: `a batch call must be an object whose type is one of ${INGEST_CALL_TYPES.join(', ')}`,
    };
  }
  if (Buffer.byteLength(JSON.stringify(item), 'utf8') > MAX_EVENT_BYTES) {
    return {
      index,
      code: 'EVENT_TOO_LARGE',
      message: `a call may be at most ${MAX_EVENT_BYTES} bytes`,
    };
  }
  return { index, type: item['type'], raw: withBatchDefaults(item, defaults) };
}

/**
 * The call with the batch's context, integrations and sentAt under its own: context is
 * merged one level deep (a batch `context.library` and a call `context.page` both stay;
 * the call's `context.page` replaces the batch's key by key), integrations shallowly.
 */
export function withBatchDefaults(
  call: Readonly<Record<string, unknown>>,
  defaults: BatchDefaults,
): Readonly<Record<string, unknown>> {
  const merged: Record<string, unknown> = { ...call };
  if (defaults.context !== undefined) {
    merged['context'] = mergeOneLevel(defaults.context, call['context']);
  }
  if (defaults.integrations !== undefined) {
    merged['integrations'] = mergeShallow(defaults.integrations, call['integrations']);
  }
  if (defaults.sentAt !== undefined && (call['sentAt'] === undefined || call['sentAt'] === null)) {
    merged['sentAt'] = defaults.sentAt;
  }
  return merged;
}

function mergeShallow(base: Readonly<Record<string, unknown>>, own: unknown): unknown {
  if (own === undefined || own === null) return base;
  // Anything but an object is the call's own mistake, left for validation to refuse.
  return isPlainObject(own) ? { ...base, ...own } : own;
}

function mergeOneLevel(base: Readonly<Record<string, unknown>>, own: unknown): unknown {
  if (own === undefined || own === null) return base;
  if (!isPlainObject(own)) return own;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(own)) {
    const inherited = base[key];
    merged[key] =
      isPlainObject(inherited) && isPlainObject(value) ? { ...inherited, ...value } : value;
  }
  return merged;
}
