import { Injectable } from '@nestjs/common';
import { AdminKeyService, type AdminKey } from '@meridian/workspaces';
import { actsOn, type AdminActor } from '../access/admin-actor';
import { AuditLog } from '../audit/audit-log';
import { isoOf, isoOrNull } from '../core/admin-schemas';
import { AdminApiError } from '../errors/admin-api-error';
import { WorkspacesService } from '../workspaces/workspaces.service';
import type {
  AdminKeyList,
  AdminKeyView,
  CreateAdminKeyBody,
  CreatedAdminKey,
} from './admin-keys.schemas';

/**
 * Admin keys through the API. A workspace key sees and manages only its workspace's keys;
 * only an installation-wide key handles installation-wide ones.
 */
@Injectable()
export class AdminKeysService {
  constructor(
    private readonly adminKeys: AdminKeyService,
    private readonly workspaces: WorkspacesService,
    private readonly auditLog: AuditLog,
  ) {}

  async create(actor: AdminActor, body: CreateAdminKeyBody): Promise<CreatedAdminKey> {
    const workspaceId = body.workspaceId === undefined ? actor.workspaceId : body.workspaceId;
    if (workspaceId === null && actor.workspaceId !== null)
      throw AdminApiError.forbidden(
        'only an installation-wide key may create installation-wide keys',
      );
    if (workspaceId !== null) {
      if (!actsOn(actor, workspaceId))
        throw AdminApiError.forbidden(`the admin key may not act on workspace "${workspaceId}"`);
      await this.workspaces.require(workspaceId);
    }
    const { key, rawKey } = await this.adminKeys.create({
      name: body.name,
      role: body.role,
      workspaceId,
    });
    await this.auditLog.record({
      actor,
      action: 'admin-key.create',
      workspaceId,
      target: { type: 'admin-key', id: key.keyId },
      details: { name: key.name, role: key.role },
    });
    return { ...adminKeyView(key), key: rawKey };
  }

  async list(actor: AdminActor, workspaceId: string | undefined): Promise<AdminKeyList> {
    if (workspaceId !== undefined && !actsOn(actor, workspaceId))
      throw AdminApiError.forbidden(`the admin key may not act on workspace "${workspaceId}"`);
    const keys = await this.adminKeys.list(workspaceId ?? actor.workspaceId ?? undefined);
    return { adminKeys: keys.map(adminKeyView) };
  }

  /** Idempotent: revoking a revoked key answers it unchanged and records nothing. */
  async revoke(actor: AdminActor, keyId: string): Promise<AdminKeyView> {
    const key = await this.adminKeys.find(keyId);
    // Keys the caller may not see are answered as unknown, not as forbidden.
    if (key === null || !this.mayManage(actor, key))
      throw AdminApiError.notFound(`admin key "${keyId}" does not exist`);
    const outcome = await this.adminKeys.revoke(keyId);
    if (outcome === null) throw AdminApiError.notFound(`admin key "${keyId}" does not exist`);
    if (outcome.revoked)
      await this.auditLog.record({
        actor,
        action: 'admin-key.revoke',
        workspaceId: key.workspaceId,
        target: { type: 'admin-key', id: keyId },
      });
    return adminKeyView(outcome.key);
  }

  private mayManage(actor: AdminActor, key: AdminKey): boolean {
    return actor.workspaceId === null || actor.workspaceId === key.workspaceId;
  }
}

function adminKeyView(key: AdminKey): AdminKeyView {
  return {
    keyId: key.keyId,
    name: key.name,
    role: key.role,
    workspaceId: key.workspaceId,
    createdAt: isoOf(key.createdAt),
    revokedAt: isoOrNull(key.revokedAt),
  };
}
