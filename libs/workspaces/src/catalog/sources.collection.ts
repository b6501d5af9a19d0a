import { defineCollection } from '@meridian/persistence';

/** One document per source of a workspace; _id is `${workspaceId}|${sourceId}`. */
export const sourcesCollection = defineCollection({
  name: 'sources',
  indexes: [{ name: 'sources_workspace_created', key: { workspaceId: 1, createdAt: 1 } }],
});

export interface SourceDocument {
  readonly _id: string;
  readonly workspaceId: string;
  readonly sourceId: string;
  readonly name: string;
  readonly createdAt: Date;
}

export function sourceDocumentId(workspaceId: string, sourceId: string): string {
  return `${workspaceId}|${sourceId}`;
}
