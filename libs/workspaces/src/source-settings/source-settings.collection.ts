import { defineCollection } from '@meridian/persistence';

/**
 * One document per (workspace, source): how that source's calls are governed. The _id is
 * `${workspaceId}|${sourceId}`, so the _id index serves every lookup; workspaceId is
 * still stored (and ANDed into every query by BaseRepository) so no lookup can cross
 * workspaces.
 */
export const sourceSettingsCollection = defineCollection({ name: 'source_settings', indexes: [] });

export interface SourceSettingsDocument {
  /** `${workspaceId}|${sourceId}`. */
  readonly _id: string;
  readonly workspaceId: string;
  readonly sourceId: string;
  readonly missingConsentPolicy: 'accept' | 'accept-unconsented' | 'refuse';
  readonly defaultPhoneRegion?: string;
  /**
   * The TrackingPlan definition as a JSON string, not as a subdocument: JSON Schema keys
   * such as "$schema" and "$ref" (and property names with dots) cannot be keys of a
   * stored document, and a string round-trips the plan byte for byte.
   */
  readonly trackingPlanJson?: string;
  readonly updatedAt: Date;
  /** Incremented by every put; consumers cache what they derive from a plan by it. */
  readonly revision: number;
}

export function sourceSettingsId(workspaceId: string, sourceId: string): string {
  return `${workspaceId}|${sourceId}`;
}
