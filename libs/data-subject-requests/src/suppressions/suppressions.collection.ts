import { createHash } from 'node:crypto';
import type { Identifier } from '@meridian/contracts';
import { defineCollection } from '@meridian/persistence';

/**
 * One document per suppressed (workspace, identifier type, normalised value); ingestion
 * loads a workspace's whole set (at most once a second per instance).
 */
export const suppressionsCollection = defineCollection({
  name: 'suppressions',
  indexes: [{ name: 'workspace_created', key: { workspaceId: 1, createdAt: -1 } }],
});

export interface SuppressionDocument {
  /** suppressionId(workspace, identifier): a second SUPPRESS of the same identifier finds it. */
  readonly _id: string;
  readonly workspaceId: string;
  readonly type: string;
  readonly value: string;
  /** The request that created it; a later SUPPRESS of the same identifier leaves it as it is. */
  readonly requestId: string;
  readonly createdAt: Date;
}

/**
 * Events dropped for a suppression, one document per (suppression, creating request,
 * ingestion instance): each instance only ever increments its own, so no two writers share
 * a document (FerretDB). The request id keeps the counts of a suppression that was lifted
 * and made again apart. GET .../suppressions sums them.
 */
export const suppressionDropCountsCollection = defineCollection({
  name: 'suppression_drop_counts',
  indexes: [{ name: 'workspace_suppression', key: { workspaceId: 1, suppressionId: 1 } }],
});

export interface SuppressionDropCountDocument {
  /** `<suppressionId>|<requestId>|<instanceId>`. */
  readonly _id: string;
  readonly workspaceId: string;
  readonly suppressionId: string;
  readonly requestId: string;
  readonly instanceId: string;
  readonly droppedEvents: number;
  readonly lastDroppedAt: Date;
}

/** Deterministic, so the _id decides races between two requests suppressing one identifier. */
export function suppressionId(workspaceId: string, identifier: Identifier): string {
  const digest = createHash('sha256')
    .update(`${workspaceId}\u0000${identifier.type}\u0000${identifier.value}`, 'utf8')
    .digest('hex');
  return `sup_${digest.slice(0, 40)}`;
}
