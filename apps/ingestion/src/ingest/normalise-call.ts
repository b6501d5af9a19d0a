import { IsoDateTime, type SegmentCall } from '@meridian/contracts';
import type { z } from 'zod';
import {
  callNormalisers,
  objectOrAbsent,
  type CallNormaliser,
  type IngestCallType,
} from './call-normalisers';
import { IngestRejection, type RejectionCode, type RejectionIssue } from './ingest-rejection';
import { isPlainObject } from './request-body';

/** The client's time fields, as named on the normalised call. */
const TIMESTAMP_FIELDS = ['originalTimestamp', 'sentAt', 'timestamp'] as const;

/** Segment's limit on messageId; longer ones are refused rather than truncated. */
export const MAX_MESSAGE_ID_LENGTH = 100;

export interface NormaliseContext {
  /** When ingestion received the call; becomes receivedAt. */
  readonly receivedAt: Date;
  /** Makes a messageId for a call that came without one. */
  readonly newMessageId: () => string;
  /** The sender's address; becomes context.ip when the call does not say, as Segment does. */
  readonly clientIp?: string | undefined;
}

/**
 * Turns a raw Segment call into the normalised call that goes on the stream, or throws an
 * IngestRejection. Server-owned fields (type, receivedAt, timestamp) are set here whatever
 * the body says; validation is the contract schema of the call type, and nothing else.
 */
export function normaliseCall(
  type: IngestCallType,
  raw: Readonly<Record<string, unknown>>,
  context: NormaliseContext,
): SegmentCall {
  const normaliser: CallNormaliser = callNormalisers[type];
  const candidate: Record<string, unknown> = {
    ...normaliser.pickFields(raw),
    type,
    messageId: messageIdOf(raw['messageId'], context.newMessageId),
    userId: raw['userId'],
    anonymousId: raw['anonymousId'],
    context: contextWithIp(objectOrAbsent(raw['context']), context.clientIp),
    integrations: objectOrAbsent(raw['integrations']),
    originalTimestamp: raw['timestamp'],
    sentAt: raw['sentAt'],
    receivedAt: context.receivedAt.toISOString(),
    timestamp: correctedTimestamp(context.receivedAt, raw['timestamp'], raw['sentAt']),
  };
  const result = normaliser.schema.safeParse(candidate);
  if (result.success) return result.data;
  const code = rejectionCodeOf(result.error.issues, candidate, normaliser.missingFieldCodes);
  throw new IngestRejection(code, describe(code), result.error.issues.map(toRejectionIssue));
}

/** The call's messageId, a new one when it has none; a too long one is refused. */
export function messageIdOf(value: unknown, newMessageId: () => string): unknown {
  if (value === undefined || value === null || value === '') return newMessageId();
  if (typeof value === 'string' && value.length > MAX_MESSAGE_ID_LENGTH) {
    throw new IngestRejection(
      'MESSAGE_ID_TOO_LONG',
      `messageId may be at most ${MAX_MESSAGE_ID_LENGTH} characters`,
    );
  }
  // Anything else that is not a string is left for the schema to refuse as INVALID_FIELD.
  return value;
}

/** The call's context with ip filled from the request when the call carries none. */
export function contextWithIp(callContext: unknown, clientIp: string | undefined): unknown {
  if (clientIp === undefined) return callContext;
  if (callContext === undefined) return { ip: clientIp };
  if (!isPlainObject(callContext)) return callContext; // refused by the schema as INVALID_FIELD
  const ip = callContext['ip'];
  return ip === undefined || ip === null || ip === ''
    ? { ...callContext, ip: clientIp }
    : callContext;
}

/**
 * The event time corrected for the device clock: the SDK stamps `timestamp` and `sentAt`
 * with the same (possibly wrong) clock, so their difference is trustworthy and is taken
 * back from our receivedAt. Without sentAt the device time is used as is; without either,
 * receivedAt. Unparseable inputs fall through here and are refused by the schema.
 */
export function correctedTimestamp(
  receivedAt: Date,
  originalTimestamp: unknown,
  sentAt: unknown,
): string {
  const original = instantOf(originalTimestamp);
  const sent = instantOf(sentAt);
  if (original !== null && sent !== null) {
    return new Date(receivedAt.getTime() - (sent - original)).toISOString();
  }
  if (original !== null) return new Date(original).toISOString();
  return receivedAt.toISOString();
}

function instantOf(value: unknown): number | null {
  // Most calls lack sentAt: a failed zod parse builds an error object, which showed in profiles.
  if (typeof value !== 'string') return null;
  const parsed = IsoDateTime.safeParse(value);
  if (!parsed.success) return null;
  const millis = Date.parse(parsed.data);
  return Number.isNaN(millis) ? null : millis;
}

function rejectionCodeOf(
  issues: readonly z.core.$ZodIssue[],
  candidate: Readonly<Record<string, unknown>>,
  missingFieldCodes: Readonly<Record<string, RejectionCode>>,
): RejectionCode {
  // requireIdentity (contracts) reports a missing identity as a custom issue on userId.
  if (issues.some((issue) => issue.code === 'custom' && issue.path[0] === 'userId')) {
    return 'MISSING_IDENTITY';
  }
  // The code governance uses for the same fault, so a client sees one code for it.
  if (issues.some((issue) => TIMESTAMP_FIELDS.some((field) => field === issue.path[0]))) {
    return 'INVALID_TIMESTAMP';
  }
  for (const issue of issues) {
    const field = issue.path[0];
    if (typeof field !== 'string' || issue.path.length !== 1) continue;
    const code = missingFieldCodes[field];
    const value = candidate[field];
    if (code !== undefined && (value === undefined || value === null || value === '')) return code;
  }
  return 'INVALID_FIELD';
}

function describe(code: RejectionCode): string {
  switch (code) {
    case 'MISSING_IDENTITY':
      return 'a call needs a userId or an anonymousId';
    case 'MISSING_EVENT':
      return 'a track call needs an event name';
    case 'MISSING_GROUP_ID':
      return 'a group call needs a groupId';
    case 'MISSING_PREVIOUS_ID':
      return 'an alias call needs a previousId';
    case 'INVALID_TIMESTAMP':
      return 'timestamp and sentAt must be ISO-8601 date-times with a zone';
    default:
      return 'the call has invalid fields';
  }
}

function toRejectionIssue(issue: z.core.$ZodIssue): RejectionIssue {
  return { path: issue.path, code: issue.code, message: issue.message };
}
