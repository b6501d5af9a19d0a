import { z } from 'zod';
import { Timestamp } from '../core/admin-schemas';

export const AuditLogQuery = z.strictObject({
  cursor: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: "The previous page's nextCursor" }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditLogQuery = z.infer<typeof AuditLogQuery>;

export const AuditEntryView = z.object({
  id: z.string(),
  at: Timestamp,
  workspaceId: z.string().nullable(),
  actor: z.object({ keyId: z.string(), role: z.string() }),
  action: z.string().meta({ description: "e.g. 'write-key.create'" }),
  target: z.object({ type: z.string(), id: z.string() }),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const AuditLogPageView = z.object({
  entries: z.array(AuditEntryView),
  nextCursor: z.string().nullable(),
});
export type AuditLogPageView = z.infer<typeof AuditLogPageView>;
