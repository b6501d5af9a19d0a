import { isPhoneRegion } from '@meridian/ingest-governance';
import { SourceMissingConsentPolicy } from '@meridian/workspaces';
import { z } from 'zod';
import { Timestamp } from '../core/admin-schemas';

const PhoneRegion = z
  .string()
  .refine(isPhoneRegion, 'expected a country code such as DE or US')
  .meta({ description: 'Country (ISO 3166 alpha-2) national phone numbers are read in' });

const TrackingPlanDefinition = z.record(z.string(), z.unknown()).meta({
  description: 'A tracking plan: { mode, events, identifyTraits? } (see ingest-governance)',
});

/** A source's settings, stated whole: fields left out are removed. */
export const PutSourceSettingsBody = z.strictObject({
  missingConsentPolicy: SourceMissingConsentPolicy,
  defaultPhoneRegion: PhoneRegion.optional(),
  trackingPlan: TrackingPlanDefinition.optional(),
});
export type PutSourceSettingsBody = z.infer<typeof PutSourceSettingsBody>;

export const SourceSettingsView = z.object({
  workspaceId: z.string(),
  sourceId: z.string(),
  missingConsentPolicy: SourceMissingConsentPolicy,
  defaultPhoneRegion: z.string().optional(),
  trackingPlan: TrackingPlanDefinition.optional(),
  updatedAt: Timestamp,
  revision: z.number().int().meta({ description: 'Incremented by every put' }),
});
export type SourceSettingsView = z.infer<typeof SourceSettingsView>;
