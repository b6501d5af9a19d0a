import {
  SegmentAlias,
  SegmentGroup,
  SegmentIdentify,
  SegmentPage,
  SegmentScreen,
  SegmentTrack,
  type SegmentCall,
} from '@meridian/contracts';
import type { z } from 'zod';
import type { RejectionCode } from './ingest-rejection';

/**
 * What differs between call types: the schema that validates the normalised call, the
 * type's own fields picked from the raw body, and codes for its required fields that say
 * more than INVALID_FIELD.
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

const viewFields = (raw: Readonly<Record<string, unknown>>) => ({
  name: raw['name'],
  category: raw['category'],
  properties: objectOrAbsent(raw['properties']),
});

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
  page: { schema: SegmentPage, pickFields: viewFields, missingFieldCodes: {} },
  screen: { schema: SegmentScreen, pickFields: viewFields, missingFieldCodes: {} },
  group: {
    schema: SegmentGroup,
    pickFields: (raw) => ({ groupId: raw['groupId'], traits: objectOrAbsent(raw['traits']) }),
    missingFieldCodes: { groupId: 'MISSING_GROUP_ID' },
  },
  alias: {
    schema: SegmentAlias,
    pickFields: (raw) => ({ previousId: raw['previousId'] }),
    missingFieldCodes: { previousId: 'MISSING_PREVIOUS_ID' },
  },
} as const satisfies Record<SegmentCall['type'], CallNormaliser>;

/** The call types ingestion accepts: all six of Segment's. */
export type IngestCallType = keyof typeof callNormalisers;

export const INGEST_CALL_TYPES: readonly IngestCallType[] = [
  'track',
  'identify',
  'page',
  'screen',
  'group',
  'alias',
];

export function isIngestCallType(value: unknown): value is IngestCallType {
  return INGEST_CALL_TYPES.some((type) => type === value);
}
