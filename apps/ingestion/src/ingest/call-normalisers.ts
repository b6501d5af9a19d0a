import { SegmentIdentify, SegmentTrack, type SegmentCall } from '@meridian/contracts';
import type { z } from 'zod';
import type { RejectionCode } from './ingest-rejection';

/**
 * What differs between call types: the schema that validates the normalised call, the
 * type's own fields picked from the raw body, and codes for its required fields that say
 * more than INVALID_FIELD. Adding page/screen/group/alias is one entry here and one route.
 */
export interface CallNormaliser {
  readonly schema: z.ZodType<SegmentCall>;
  pickFields(raw: Readonly<Record<string, unknown>>): Record<string, unknown>;
  readonly missingFieldCodes: Readonly<Record<string, RejectionCode>>;
}

/** Optional objects: an SDK's explicit null means "none", like an absent field. */
export function objectOrAbsent(value: unknown): unknown {
  return value === null ? undefined : value;
}

export const callNormalisers = {
  track: {
    schema: SegmentTrack,
    pickFields: (raw) => ({ event: raw['event'], properties: objectOrAbsent(raw['properties']) }),
    missingFieldCodes: { event: 'MISSING_EVENT' },
  },
  identify: {
    schema: SegmentIdentify,
    pickFields: (raw) => ({ traits: objectOrAbsent(raw['traits']) }),
    missingFieldCodes: {},
  },
} as const satisfies Partial<Record<SegmentCall['type'], CallNormaliser>>;

/** The call types this ingestion accepts so far. */
export type IngestCallType = keyof typeof callNormalisers;
