import { defineCollection } from '@meridian/persistence';

/**
 * One document per admin mutation. The _id sorts by time (`<ISO time>|<random>`), so the
 * newest-first listing and its cursor are one index: (workspaceId, _id).
 */
export const auditLogCollection = defineCollection({
  name: 'audit_log',
  indexes: [{ name: 'audit_log_workspace_id', key: { workspaceId: 1, _id: -1 } }],
});

export interface AuditLogDocument {
  /** `${at.toISOString()}|${8 random hex}`: time order, and the listing's cursor. */
  readonly _id: string;
  /** null: an installation-wide action (e.g. creating an installation-wide admin key). */
  readonly workspaceId: string | null;
  readonly at: Date;
  readonly actorKeyId: string;
  readonly actorRole: string;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string;
  /**
   * Extra facts as a JSON string, not a subdocument: details may carry keys a stored
   * document cannot hold (dots, a leading "$").
   */
  readonly detailsJson?: string;
}
