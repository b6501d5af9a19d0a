import type { GovernanceSettings } from '@meridian/ingest-governance';
import type { SourceSettings } from '@meridian/workspaces';
import { SourceGovernancePolicy, type SourceSettingsReader } from './source-governance-policy';

const defaults: GovernanceSettings = {
  missingConsentPolicy: 'accept',
  trackingPlan: null,
  defaultPhoneRegion: 'DE',
};

const blockPlan = {
  mode: 'block',
  events: { 'Order Completed': { type: 'object', properties: { total: { type: 'number' } } } },
};

function settings(overrides: Partial<SourceSettings> = {}): SourceSettings {
  return {
    workspaceId: 'ws',
    sourceId: 'strict',
    missingConsentPolicy: 'refuse',
    updatedAt: new Date(0),
    revision: 1,
    ...overrides,
  };
}

/** A settings reader over a mutable table; returns a fresh object per get, as the store does. */
function reader(table: Map<string, SourceSettings>): SourceSettingsReader {
  return {
    get: async (workspaceId, sourceId) => {
      const found = table.get(`${workspaceId}|${sourceId}`);
      return found === undefined ? null : structuredClone(found);
    },
  };
}

describe('SourceGovernancePolicy', () => {
  it('governs a source without settings by the configured defaults', async () => {
    const policy = new SourceGovernancePolicy(reader(new Map()), defaults);
    expect(await policy.settingsFor({ workspaceId: 'ws', sourceId: 'any' })).toBe(defaults);
  });

  it("governs a source with settings by its own consent policy, not its workspace neighbour's", async () => {
    const table = new Map([['ws|strict', settings()]]);
    const policy = new SourceGovernancePolicy(reader(table), defaults);
    const strict = await policy.settingsFor({ workspaceId: 'ws', sourceId: 'strict' });
    const other = await policy.settingsFor({ workspaceId: 'ws', sourceId: 'web' });
    expect(strict).toEqual({
      missingConsentPolicy: 'refuse',
      trackingPlan: null,
      defaultPhoneRegion: 'DE',
    });
    expect(other.missingConsentPolicy).toBe('accept');
  });

  it("uses the source's phone region over the default one", async () => {
    const table = new Map([['ws|strict', settings({ defaultPhoneRegion: 'US' })]]);
    const policy = new SourceGovernancePolicy(reader(table), defaults);
    const governed = await policy.settingsFor({ workspaceId: 'ws', sourceId: 'strict' });
    expect(governed.defaultPhoneRegion).toBe('US');
  });

  it('compiles a tracking plan once per settings revision', async () => {
    const table = new Map([['ws|strict', settings({ trackingPlan: blockPlan })]]);
    const policy = new SourceGovernancePolicy(reader(table), defaults);
    const owner = { workspaceId: 'ws', sourceId: 'strict' };
    const first = (await policy.settingsFor(owner)).trackingPlan;
    const again = (await policy.settingsFor(owner)).trackingPlan;
    expect(first?.mode).toBe('block');
    expect(again).toBe(first);
    table.set('ws|strict', settings({ trackingPlan: { ...blockPlan, mode: 'omit' }, revision: 2 }));
    const changed = (await policy.settingsFor(owner)).trackingPlan;
    expect(changed).not.toBe(first);
    expect(changed?.mode).toBe('omit');
  });
});
