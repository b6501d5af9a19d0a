import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { IngestRejection } from '../ingest';
import { StructDecodingError, structToJson } from './struct-json';

/** The call types IngestService (proto) carries; a subset of the HTTP API's. */
export type GrpcCallType = 'track' | 'identify';

/** One call decoded from its proto message into the Segment JSON the HTTP API receives. */
export interface GrpcCall {
  readonly type: GrpcCallType;
  /** CallHeader.write_key, when set. */
  readonly writeKey: string | undefined;
  /** The call as a Segment JSON body (without type and writeKey). */
  readonly raw: Readonly<Record<string, unknown>>;
}

// The shapes @grpc/proto-loader decodes ingest.proto into (camelCase, unset fields absent).
const Header = z.object({
  writeKey: z.string().optional(),
  messageId: z.string().optional(),
  userId: z.string().optional(),
  anonymousId: z.string().optional(),
  timestamp: z.string().optional(),
  sentAt: z.string().optional(),
  context: z.unknown().optional(),
  integrations: z.unknown().optional(),
});
const TrackMessage = z.object({
  header: Header.optional(),
  event: z.string().optional(),
  properties: z.unknown().optional(),
});
const IdentifyMessage = z.object({ header: Header.optional(), traits: z.unknown().optional() });
const BatchItemMessage = z.object({
  track: TrackMessage.optional(),
  identify: IdentifyMessage.optional(),
});

/** A decoded TrackRequest or IdentifyRequest as a Segment call. */
export function grpcCallOf(type: GrpcCallType, message: unknown): GrpcCall {
  return decoding(() =>
    type === 'track'
      ? trackCallOf(parsed(TrackMessage, message))
      : identifyCallOf(parsed(IdentifyMessage, message)),
  );
}

/**
 * A decoded BatchItem as the entry of an HTTP batch body: `{ type, ...call }`. An item with
 * no call set becomes an entry without a type, which the batch refuses as INVALID_CALL_TYPE
 * like any other entry of an unknown type.
 */
export function batchEntryOf(message: unknown): {
  readonly entry: Readonly<Record<string, unknown>>;
  readonly writeKey: string | undefined;
} {
  const item = decoding(() => parsed(BatchItemMessage, message));
  const call = decoding(() =>
    item.track
      ? trackCallOf(item.track)
      : item.identify
        ? identifyCallOf(item.identify)
        : undefined,
  );
  if (call === undefined) return { entry: {}, writeKey: undefined };
  return { entry: { type: call.type, ...call.raw }, writeKey: call.writeKey };
}

/**
 * The messageId the call will be stored under: its own, or one made here when it has none,
 * so the reply can name it (the HTTP API would make the same kind of id further down).
 */
export function withMessageId(call: GrpcCall): GrpcCall & { readonly messageId: string } {
  const own = call.raw['messageId'];
  const messageId = typeof own === 'string' ? own : randomUUID();
  return { ...call, raw: { ...call.raw, messageId }, messageId };
}

function trackCallOf(message: z.infer<typeof TrackMessage>): GrpcCall {
  return {
    type: 'track',
    writeKey: presentString(message.header?.writeKey),
    raw: withoutAbsent({
      ...headerFields(message.header),
      event: presentString(message.event),
      properties: structToJson(message.properties),
    }),
  };
}

function identifyCallOf(identify: z.infer<typeof IdentifyMessage>): GrpcCall {
  return {
    type: 'identify',
    writeKey: presentString(identify.header?.writeKey),
    raw: withoutAbsent({
      ...headerFields(identify.header),
      traits: structToJson(identify.traits),
    }),
  };
}

/** The header as Segment fields; `timestamp` is the device time, as in an HTTP call. */
function headerFields(header: z.infer<typeof Header> | undefined): Record<string, unknown> {
  if (header === undefined) return {};
  return {
    messageId: presentString(header.messageId),
    userId: presentString(header.userId),
    anonymousId: presentString(header.anonymousId),
    timestamp: presentString(header.timestamp),
    sentAt: presentString(header.sentAt),
    context: structToJson(header.context),
    integrations: structToJson(header.integrations),
  };
}

/** proto3 cannot tell an empty string from an unset one: both mean "not sent". */
function presentString(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function withoutAbsent(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

function parsed<T>(schema: z.ZodType<T>, message: unknown): T {
  const result = schema.safeParse(message);
  if (result.success) return result.data;
  throw new StructDecodingError(`the message does not match ingest.proto: ${result.error.message}`);
}

/** A message that does not decode is the client's fault: INVALID_FIELD, as in HTTP. */
function decoding<T>(decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (!(error instanceof StructDecodingError)) throw error;
    throw new IngestRejection('INVALID_FIELD', error.message, [], { cause: error });
  }
}
