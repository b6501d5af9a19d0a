import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../command';
import { sourceSettingsInputOf } from './source-settings';

describe('source-settings arguments', () => {
  let dir: string;
  const file = async (name: string, content: unknown) => {
    const path = join(dir, name);
    await writeFile(path, JSON.stringify(content));
    return path;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'source-settings-'));
  });

  it('reads the settings from flags, with the tracking plan from its file', async () => {
    const plan = { mode: 'block', events: { Signup: { $schema: 'x', type: 'object' } } };
    const planFile = await file('plan.json', plan);
    expect(
      await sourceSettingsInputOf([
        '--workspace',
        'ws',
        '--source',
        'web',
        '--missing-consent',
        'refuse',
        '--tracking-plan',
        planFile,
      ]),
    ).toEqual({
      workspaceId: 'ws',
      sourceId: 'web',
      missingConsentPolicy: 'refuse',
      trackingPlan: plan,
    });
  });

  it('reads the settings from a JSON file, flags overriding it', async () => {
    const settingsFile = await file('settings.json', {
      workspaceId: 'ws',
      sourceId: 'app',
      missingConsentPolicy: 'accept',
      defaultPhoneRegion: 'DE',
    });
    expect(
      await sourceSettingsInputOf([
        '--file',
        settingsFile,
        '--missing-consent',
        'accept-unconsented',
      ]),
    ).toEqual({
      workspaceId: 'ws',
      sourceId: 'app',
      missingConsentPolicy: 'accept-unconsented',
      defaultPhoneRegion: 'DE',
    });
  });

  it('refuses an unknown consent policy as a usage error', async () => {
    await expect(
      sourceSettingsInputOf(['--workspace', 'ws', '--source', 'web', '--missing-consent', 'maybe']),
    ).rejects.toThrow(UsageError);
  });
});
