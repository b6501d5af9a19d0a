import { Injectable } from '@nestjs/common';
import { RecentReads } from '@meridian/platform';
import {
  DEFAULT_IDENTITY_POLICY,
  IdentityPolicies,
  policyOf,
  type IdentityPolicy,
  type IdentitySettings,
} from './identity-policy';
import { IdentitySettingsRepository } from './identity-settings.repository';

/** How long a read policy is used before the store is asked again: a change applies within it. */
export const POLICY_CACHE_MS = 1_000;

/**
 * Workspaces' identity policies for resolution and merges, read from identity_settings and
 * kept for POLICY_CACHE_MS, so a busy partition reads them once a second, not once a call,
 * and every instance sees a change within a second.
 */
@Injectable()
export class IdentitySettingsService extends IdentityPolicies {
  private readonly cached = new RecentReads<IdentityPolicy>(POLICY_CACHE_MS);

  constructor(private readonly repository: IdentitySettingsRepository) {
    super();
  }

  async policyFor(workspaceId: string): Promise<IdentityPolicy> {
    return this.cached.read(workspaceId, () => this.load(workspaceId));
  }

  async settingsOf(workspaceId: string): Promise<IdentitySettings | null> {
    return this.repository.find(workspaceId);
  }

  async replace(workspaceId: string, settings: IdentitySettings): Promise<void> {
    await this.repository.put(workspaceId, settings, new Date().toISOString());
    this.cached.forget(workspaceId);
  }

  private async load(workspaceId: string): Promise<IdentityPolicy> {
    const settings = await this.repository.find(workspaceId);
    return settings === null ? DEFAULT_IDENTITY_POLICY : policyOf(settings);
  }
}
