import { z } from 'zod';
import { ExpiringCache, type Clock } from '../write-keys/expiring-cache';
import { sourceSettingsId, type SourceSettingsDocument } from './source-settings.collection';
import { SourceSettingsRepository } from './source-settings.repository';

/**
 * Reads are cached this long at most, so a change made anywhere (the CLI, another
 * instance) governs calls on every instance within a second, as write-key revocation does.
 */
export const SOURCE_SETTINGS_CACHE_TTL_MS = 1_000;
const SOURCE_SETTINGS_CACHE_MAX_ENTRIES = 10_000;

/** What to do with a call that carries no consent object (same values as ingest-governance's). */
export const SourceMissingConsentPolicy = z.enum(['accept', 'accept-unconsented', 'refuse']);
export type SourceMissingConsentPolicy = z.infer<typeof SourceMissingConsentPolicy>;

/** A source's governance settings as callers see them: the plan parsed back from JSON. */
export interface SourceSettings {
  readonly workspaceId: string;
  readonly sourceId: string;
  readonly missingConsentPolicy: SourceMissingConsentPolicy;
  readonly defaultPhoneRegion?: string;
  /** The TrackingPlan definition (see @meridian/ingest-governance), exactly as put. */
  readonly trackingPlan?: unknown;
  readonly updatedAt: Date;
  readonly revision: number;
}

export type PutSourceSettings = Omit<SourceSettings, 'updatedAt' | 'revision'>;

/**
 * Checks a tracking plan definition, throwing when it is invalid. This lib may not depend
 * on the governance rules (module boundaries), so the caller hands in the compiler —
 * ingestion passes @meridian/ingest-governance's compileTrackingPlan.
 */
export type TrackingPlanValidator = (definition: unknown) => void;

/** The settings were refused; the message says which source and why. */
export class SourceSettingsError extends Error {
  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.name = 'SourceSettingsError';
  }
}

/**
 * Per-source governance settings. A plain class (no decorators) so tools can use it.
 * `get` answers null for a source without settings: the caller applies its defaults.
 */
export class SourceSettingsService {
  /** By `${workspaceId}|${sourceId}`; absent settings are cached too (as null). */
  private readonly cache: ExpiringCache<SourceSettings | null>;

  /** `clock` is for specs, to move time without sleeping. */
  constructor(
    private readonly repository: SourceSettingsRepository,
    private readonly validateTrackingPlan: TrackingPlanValidator,
    private readonly clock: Clock = Date.now,
  ) {
    this.cache = new ExpiringCache(
      SOURCE_SETTINGS_CACHE_TTL_MS,
      SOURCE_SETTINGS_CACHE_MAX_ENTRIES,
      this.clock,
    );
  }

  async get(workspaceId: string, sourceId: string): Promise<SourceSettings | null> {
    const key = sourceSettingsId(workspaceId, sourceId);
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const document = await this.repository.findBySource(workspaceId, sourceId);
    const settings = document === null ? null : settingsOf(document);
    this.cache.set(key, settings);
    return settings;
  }

  /** Validates and stores a source's settings (replacing them whole); returns what was stored. */
  async put(settings: PutSourceSettings): Promise<SourceSettings> {
    const { workspaceId, sourceId, trackingPlan } = settings;
    if (workspaceId.length === 0 || sourceId.length === 0)
      throw new SourceSettingsError('workspaceId and sourceId must not be empty');
    if (trackingPlan !== undefined) this.validatePlan(workspaceId, sourceId, trackingPlan);
    const stored = await this.repository.replace(
      {
        workspaceId,
        sourceId,
        missingConsentPolicy: SourceMissingConsentPolicy.parse(settings.missingConsentPolicy),
        ...(settings.defaultPhoneRegion === undefined
          ? {}
          : { defaultPhoneRegion: settings.defaultPhoneRegion }),
        ...(trackingPlan === undefined ? {} : { trackingPlanJson: JSON.stringify(trackingPlan) }),
      },
      new Date(this.clock()),
    );
    this.cache.delete(sourceSettingsId(workspaceId, sourceId));
    return settingsOf(stored);
  }

  private validatePlan(workspaceId: string, sourceId: string, plan: unknown): void {
    try {
      this.validateTrackingPlan(plan);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new SourceSettingsError(
        `tracking plan of source "${sourceId}" in workspace "${workspaceId}" refused: ${reason}`,
        { cause: error },
      );
    }
  }
}

function settingsOf(document: SourceSettingsDocument): SourceSettings {
  return {
    workspaceId: document.workspaceId,
    sourceId: document.sourceId,
    missingConsentPolicy: document.missingConsentPolicy,
    ...(document.defaultPhoneRegion === undefined
      ? {}
      : { defaultPhoneRegion: document.defaultPhoneRegion }),
    ...(document.trackingPlanJson === undefined
      ? {}
      : { trackingPlan: parseJson(document.trackingPlanJson) }),
    updatedAt: document.updatedAt,
    revision: document.revision,
  };
}

function parseJson(text: string): unknown {
  return JSON.parse(text);
}
