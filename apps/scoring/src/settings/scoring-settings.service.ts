import { Inject, Injectable } from '@nestjs/common';
import { RecentReads } from '@meridian/platform';
import type { ClockMode, WallClock } from '@meridian/rfm';
import {
  effectiveSettings,
  type EffectiveScoringSettings,
  ScoringSettings,
} from './scoring-settings';
import { ScoringSettingsRepository } from './scoring-settings.repository';

export const SCORING_SETTINGS_OPTIONS = Symbol('meridian.scoring.settings-options');

export interface ScoringSettingsOptions {
  /** The clock mode of a workspace whose settings do not choose one (RFM_DEFAULT_CLOCK). */
  readonly defaultClock: ClockMode;
  /** How long read settings are used before the store is asked again (SCORING_SETTINGS_CACHE_MS). */
  readonly cacheMs: number;
  readonly wallClock: WallClock;
}

/**
 * Workspaces' scoring settings, read from scoring_settings and kept for `cacheMs`, so a busy
 * partition reads them once a second rather than once an event, and every instance sees a
 * change within that time (this instance at once).
 */
@Injectable()
export class ScoringSettingsService {
  private readonly cached: RecentReads<EffectiveScoringSettings>;

  constructor(
    private readonly repository: ScoringSettingsRepository,
    @Inject(SCORING_SETTINGS_OPTIONS) private readonly options: ScoringSettingsOptions,
  ) {
    this.cached = new RecentReads(options.cacheMs, options.wallClock);
  }

  /** The settings in force for a workspace: its own, or the defaults. */
  async settingsOf(workspaceId: string): Promise<EffectiveScoringSettings> {
    return this.cached.read(workspaceId, () => this.load(workspaceId));
  }

  /** What the workspace stored, with the defaults filled in (the clock resolved). */
  async shown(workspaceId: string): Promise<EffectiveScoringSettings> {
    const stored = await this.repository.find(workspaceId);
    return effectiveSettings(stored, this.options.defaultClock);
  }

  async replace(workspaceId: string, settings: ScoringSettings): Promise<EffectiveScoringSettings> {
    const now = new Date(this.options.wallClock()).toISOString();
    await this.repository.put(workspaceId, settings, now);
    this.cached.forget(workspaceId);
    return effectiveSettings(settings, this.options.defaultClock);
  }

  private async load(workspaceId: string): Promise<EffectiveScoringSettings> {
    return effectiveSettings(await this.repository.find(workspaceId), this.options.defaultClock);
  }
}
