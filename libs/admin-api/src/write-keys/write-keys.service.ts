import { Injectable } from '@nestjs/common';
import { WriteKeyService, type WriteKey } from '@meridian/workspaces';
import type { AdminActor } from '../access/admin-actor';
import { AuditLog } from '../audit/audit-log';
import { isoOf, isoOrNull } from '../core/admin-schemas';
import { AdminApiError } from '../errors/admin-api-error';
import { SourcesService } from '../sources/sources.service';
import type { CreatedWriteKey, WriteKeyList, WriteKeyView } from './write-keys.schemas';

/**
 * A source's write keys. Revocation takes effect at once in this process and within the
 * write-key cache's second on every other instance.
 */
@Injectable()
export class WriteKeysService {
  constructor(
    private readonly writeKeys: WriteKeyService,
    private readonly sources: SourcesService,
    private readonly auditLog: AuditLog,
  ) {}

  async create(actor: AdminActor, workspaceId: string, sourceId: string): Promise<CreatedWriteKey> {
    await this.sources.require(workspaceId, sourceId);
    const { key, rawKey } = await this.writeKeys.create({ workspaceId, sourceId });
    await this.auditLog.record({
      actor,
      action: 'write-key.create',
      workspaceId,
      target: { type: 'write-key', id: key.keyId },
      details: { sourceId },
    });
    return { ...writeKeyView(key), key: rawKey };
  }

  async list(workspaceId: string, sourceId: string): Promise<WriteKeyList> {
    await this.sources.require(workspaceId, sourceId);
    return { writeKeys: (await this.writeKeys.list({ workspaceId, sourceId })).map(writeKeyView) };
  }

  /** Idempotent: revoking a revoked key answers it unchanged and records nothing. */
  async revoke(
    actor: AdminActor,
    workspaceId: string,
    sourceId: string,
    keyId: string,
  ): Promise<WriteKeyView> {
    await this.sources.require(workspaceId, sourceId);
    const outcome = await this.writeKeys.revokeById({ workspaceId, sourceId }, keyId);
    if (outcome === null)
      throw AdminApiError.notFound(`source "${sourceId}" has no write key "${keyId}"`);
    if (outcome.revoked)
      await this.auditLog.record({
        actor,
        action: 'write-key.revoke',
        workspaceId,
        target: { type: 'write-key', id: keyId },
        details: { sourceId },
      });
    return writeKeyView(outcome.key);
  }
}

function writeKeyView(key: WriteKey): WriteKeyView {
  return {
    keyId: key.keyId,
    workspaceId: key.workspaceId,
    sourceId: key.sourceId,
    prefix: key.prefix,
    createdAt: isoOf(key.createdAt),
    revokedAt: isoOrNull(key.revokedAt),
  };
}
