import { z } from 'zod';
import { Slug, Timestamp } from '../core/admin-schemas';

export const WriteKeyParams = z.object({
  workspaceId: Slug,
  sourceId: Slug,
  keyId: z.string().min(1).max(100),
});
export type WriteKeyParams = z.infer<typeof WriteKeyParams>;

export const WriteKeyView = z.object({
  keyId: z.string(),
  workspaceId: z.string(),
  sourceId: z.string(),
  prefix: z
    .string()
    .nullable()
    .meta({ description: 'First characters of the key; null for keys seeded by the CLI' }),
  createdAt: Timestamp,
  revokedAt: Timestamp.nullable(),
});
export type WriteKeyView = z.infer<typeof WriteKeyView>;

export const CreatedWriteKey = WriteKeyView.extend({
  key: z.string().meta({ description: 'The write key itself: shown this once, never again' }),
});
export type CreatedWriteKey = z.infer<typeof CreatedWriteKey>;

export const WriteKeyList = z.object({ writeKeys: z.array(WriteKeyView) });
export type WriteKeyList = z.infer<typeof WriteKeyList>;
