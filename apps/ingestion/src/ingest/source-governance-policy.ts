import {
  compileTrackingPlan,
  isPhoneRegion,
  type CompiledPlan,
  type GovernanceSettings,
} from '@meridian/ingest-governance';
import type { SourceSettings, SourceSettingsService, WriteKeyOwner } from '@meridian/workspaces';
import { GovernancePolicy } from './governance-policy';

/** The part of SourceSettingsService this policy reads (a seam for specs). */
export type SourceSettingsReader = Pick<SourceSettingsService, 'get'>;

interface CompiledRevision {
  readonly revision: number;
  readonly plan: CompiledPlan | null;
}

/**
 * Governs each source by its own settings (SourceSettingsService, cached there for at most
 * a second); a source without settings gets `defaults`, the service config's
 * INGEST_MISSING_CONSENT_POLICY and INGEST_DEFAULT_PHONE_REGION, without a tracking plan.
 * Compiling a plan costs far more than a call, so compiled plans are kept per source and
 * recompiled only when the settings' revision changes.
 */
export class SourceGovernancePolicy extends GovernancePolicy {
  private readonly compiled = new Map<string, CompiledRevision>();

  constructor(
    private readonly sourceSettings: SourceSettingsReader,
    private readonly defaults: GovernanceSettings,
  ) {
    super();
  }

  async settingsFor(owner: WriteKeyOwner): Promise<GovernanceSettings> {
    const settings = await this.sourceSettings.get(owner.workspaceId, owner.sourceId);
    if (settings === null) return this.defaults;
    const region = settings.defaultPhoneRegion;
    return {
      missingConsentPolicy: settings.missingConsentPolicy,
      trackingPlan: this.compiledPlanOf(settings),
      defaultPhoneRegion:
        region !== undefined && isPhoneRegion(region) ? region : this.defaults.defaultPhoneRegion,
    };
  }

  /**
   * Plans were compiled when they were put, so this does not throw for stored settings;
   * if it ever does, the call fails (5xx, the client retries) rather than being let through
   * ungoverned.
   */
  private compiledPlanOf(settings: SourceSettings): CompiledPlan | null {
    const key = `${settings.workspaceId}|${settings.sourceId}`;
    const known = this.compiled.get(key);
    if (known !== undefined && known.revision === settings.revision) return known.plan;
    const plan =
      settings.trackingPlan === undefined ? null : compileTrackingPlan(settings.trackingPlan);
    this.compiled.set(key, { revision: settings.revision, plan });
    return plan;
  }
}
