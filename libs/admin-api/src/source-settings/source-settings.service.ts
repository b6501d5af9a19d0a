import { Injectable } from '@nestjs/common';
import { TrackingPlanError } from '@meridian/ingest-governance';
import {
  SourceSettingsError,
  SourceSettingsService,
  type SourceSettings,
} from '@meridian/workspaces';
import type { AdminActor } from '../access/admin-actor';
import { AuditLog } from '../audit/audit-log';
import { isoOf } from '../core/admin-schemas';
import { AdminApiError } from '../errors/admin-api-error';
import { SourcesService } from '../sources/sources.service';
import type { PutSourceSettingsBody, SourceSettingsView } from './source-settings.schemas';

/**
 * A source's governance settings through SourceSettingsService, which compiles tracking
 * plans before storing them and serves every instance's ingest path within a second.
 */
@Injectable()
export class SourceSettingsAdminService {
  constructor(
    private readonly settings: SourceSettingsService,
    private readonly sources: SourcesService,
    private readonly auditLog: AuditLog,
  ) {}

  async get(workspaceId: string, sourceId: string): Promise<SourceSettingsView> {
    await this.sources.require(workspaceId, sourceId);
    const settings = await this.settings.get(workspaceId, sourceId);
    if (settings === null)
      throw AdminApiError.notFound(
        `source "${sourceId}" has no settings of its own: the service's defaults apply`,
      );
    return settingsView(settings);
  }

  async put(
    actor: AdminActor,
    workspaceId: string,
    sourceId: string,
    body: PutSourceSettingsBody,
  ): Promise<SourceSettingsView> {
    await this.sources.require(workspaceId, sourceId);
    const stored = await this.store({ workspaceId, sourceId, ...body });
    await this.auditLog.record({
      actor,
      action: 'source-settings.update',
      workspaceId,
      target: { type: 'source', id: sourceId },
      details: { revision: stored.revision, missingConsentPolicy: stored.missingConsentPolicy },
    });
    return settingsView(stored);
  }

  /** Stores the settings; a refused tracking plan is a 400 listing the plan's issues. */
  private async store(
    settings: PutSourceSettingsBody & { workspaceId: string; sourceId: string },
  ): Promise<SourceSettings> {
    try {
      return await this.settings.put(settings);
    } catch (error) {
      if (!(error instanceof SourceSettingsError)) throw error;
      const issues = error.cause instanceof TrackingPlanError ? [...error.cause.issues] : undefined;
      throw AdminApiError.invalid(error.message, issues);
    }
  }
}

function settingsView(settings: SourceSettings): SourceSettingsView {
  const { trackingPlan } = settings;
  return {
    workspaceId: settings.workspaceId,
    sourceId: settings.sourceId,
    missingConsentPolicy: settings.missingConsentPolicy,
    ...(settings.defaultPhoneRegion === undefined
      ? {}
      : { defaultPhoneRegion: settings.defaultPhoneRegion }),
    ...(isRecord(trackingPlan) ? { trackingPlan } : {}),
    updatedAt: isoOf(settings.updatedAt),
    revision: settings.revision,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
