import type { GovernanceSettings } from '@meridian/ingest-governance';
import type { WriteKeyOwner } from '@meridian/workspaces';

/**
 * The governance settings (consent policy, tracking plan, phone region) a workspace's calls
 * are held to. Asked once per request.
 */
export abstract class GovernancePolicy {
  abstract settingsFor(owner: WriteKeyOwner): Promise<GovernanceSettings>;
}

/**
 * The same settings for every workspace, from the service config, until workspaces have
 * settings of their own (then a repository-backed policy replaces this one). No tracking
 * plan: every call that passes hygiene and consent is accepted.
 */
export class ConfiguredGovernancePolicy extends GovernancePolicy {
  constructor(private readonly settings: GovernanceSettings) {
    super();
  }

  async settingsFor(): Promise<GovernanceSettings> {
    return this.settings;
  }
}
