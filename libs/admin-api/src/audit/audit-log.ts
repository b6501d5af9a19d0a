import { Injectable } from '@nestjs/common';
import { AuditLogRepository, type AuditLogDocument } from '@meridian/workspaces';
import type { AdminActor } from '../access/admin-actor';

/** What happened, as a mutation reports it after it succeeded. */
export interface AuditRecord {
  readonly actor: AdminActor;
  /** `<thing>.<verb>`, e.g. 'write-key.create'. */
  readonly action: string;
  /** The workspace acted on; null for installation-wide actions. */
  readonly workspaceId: string | null;
  readonly target: { readonly type: string; readonly id: string };
  readonly details?: Record<string, unknown>;
}

/** An audit entry as listed. */
export interface AuditEntry {
  /** Also the cursor that continues a listing after this entry. */
  readonly id: string;
  readonly at: Date;
  readonly workspaceId: string | null;
  readonly actor: { readonly keyId: string; readonly role: string };
  readonly action: string;
  readonly target: { readonly type: string; readonly id: string };
  readonly details?: Record<string, unknown>;
}

export interface AuditPage {
  readonly entries: AuditEntry[];
  /** Pass as `cursor` for the next, older page; null when this page is the last. */
  readonly nextCursor: string | null;
}

/** Records admin mutations and lists them per workspace, newest first. */
@Injectable()
export class AuditLog {
  constructor(private readonly repository: AuditLogRepository) {}

  async record(entry: AuditRecord): Promise<void> {
    await this.repository.append({
      workspaceId: entry.workspaceId,
      at: new Date(),
      actorKeyId: entry.actor.keyId,
      actorRole: entry.actor.role,
      action: entry.action,
      targetType: entry.target.type,
      targetId: entry.target.id,
      ...(entry.details === undefined ? {} : { detailsJson: JSON.stringify(entry.details) }),
    });
  }

  /**
   * One page of the workspace's entries (null: installation-wide actions such as creating an
   * installation-wide key), older than `cursor` when given.
   */
  async list(
    workspaceId: string | null,
    page: { readonly cursor?: string; readonly limit: number },
  ): Promise<AuditPage> {
    // One more than asked tells whether another page follows.
    const documents = await this.repository.listByWorkspace(workspaceId, {
      ...(page.cursor === undefined ? {} : { before: page.cursor }),
      limit: page.limit + 1,
    });
    const entries = documents.slice(0, page.limit).map(entryOf);
    const last = entries.at(-1);
    return {
      entries,
      nextCursor: documents.length > page.limit && last !== undefined ? last.id : null,
    };
  }
}

function entryOf(document: AuditLogDocument): AuditEntry {
  return {
    id: document._id,
    at: document.at,
    workspaceId: document.workspaceId ?? null,
    actor: { keyId: document.actorKeyId, role: document.actorRole },
    action: document.action,
    target: { type: document.targetType, id: document.targetId },
    ...(document.detailsJson === undefined ? {} : { details: detailsOf(document.detailsJson) }),
  };
}

function detailsOf(json: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(json);
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    ? Object.fromEntries(Object.entries(parsed))
    : { value: parsed };
}
