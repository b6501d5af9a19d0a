import { createTestDatabase, type TestDatabase } from '@meridian/test-fixtures';
import { workspacesCollections } from '../workspaces.module';
import {
  sourceSettingsCollection,
  type SourceSettingsDocument,
} from './source-settings.collection';
import { SourceSettingsRepository } from './source-settings.repository';
import {
  SOURCE_SETTINGS_CACHE_TTL_MS,
  SourceSettingsError,
  SourceSettingsService,
} from './source-settings.service';

/** A plan whose JSON Schemas use "$schema", "$ref" and "$defs": keys a document cannot hold. */
const planWithDollarKeys = {
  mode: 'block',
  events: {
    'Order Completed': {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { total: { $ref: '#/$defs/money' }, 'a.b': { type: 'string' } },
      $defs: { money: { type: 'number', minimum: 0 } },
      required: ['total'],
    },
  },
};

/** Refuses plans without a mode, standing in for the real compiler. */
function validatePlan(plan: unknown): void {
  if (typeof plan !== 'object' || plan === null || !('mode' in plan))
    throw new Error('invalid tracking plan: mode is required');
}

describe('SourceSettingsService on a real database', () => {
  let database: TestDatabase;
  let now: number;
  const clock = () => now;
  /** A fresh service per call: another ingestion replica with its own cache. */
  const replica = () =>
    new SourceSettingsService(new SourceSettingsRepository(database.db), validatePlan, clock);

  beforeAll(async () => {
    database = await createTestDatabase({
      label: 'srcsettings',
      collections: workspacesCollections,
    });
  });

  afterAll(async () => {
    await database?.dispose();
  });

  beforeEach(() => {
    now = Date.parse('2026-01-01T00:00:00.000Z');
  });

  it('round-trips a tracking plan whose schemas contain "$schema" and "$ref" keys', async () => {
    const stored = await replica().put({
      workspaceId: 'ws_1',
      sourceId: 'web',
      missingConsentPolicy: 'refuse',
      defaultPhoneRegion: 'DE',
      trackingPlan: planWithDollarKeys,
    });
    expect(stored).toMatchObject({ revision: 1, missingConsentPolicy: 'refuse' });
    const read = await replica().get('ws_1', 'web');
    expect(read).toEqual({
      workspaceId: 'ws_1',
      sourceId: 'web',
      missingConsentPolicy: 'refuse',
      defaultPhoneRegion: 'DE',
      trackingPlan: planWithDollarKeys,
      updatedAt: new Date(now),
      revision: 1,
    });
    const raw = await database.db
      .collection<SourceSettingsDocument>(sourceSettingsCollection.name)
      .findOne({ _id: 'ws_1|web' });
    expect(typeof raw?.trackingPlanJson).toBe('string');
  });

  it('bumps the revision on every put and drops optional fields a put leaves out', async () => {
    const service = replica();
    await service.put({
      workspaceId: 'ws_2',
      sourceId: 'app',
      missingConsentPolicy: 'accept',
      defaultPhoneRegion: 'US',
      trackingPlan: planWithDollarKeys,
    });
    const second = await service.put({
      workspaceId: 'ws_2',
      sourceId: 'app',
      missingConsentPolicy: 'accept-unconsented',
    });
    expect(second.revision).toBe(2);
    expect(await replica().get('ws_2', 'app')).toEqual({
      workspaceId: 'ws_2',
      sourceId: 'app',
      missingConsentPolicy: 'accept-unconsented',
      updatedAt: new Date(now),
      revision: 2,
    });
  });

  it('keeps workspaces apart: the same source id in another workspace has its own settings', async () => {
    const service = replica();
    await service.put({ workspaceId: 'ws_a', sourceId: 'shared', missingConsentPolicy: 'refuse' });
    expect(await service.get('ws_b', 'shared')).toBeNull();
    await service.put({ workspaceId: 'ws_b', sourceId: 'shared', missingConsentPolicy: 'accept' });
    expect((await replica().get('ws_a', 'shared'))?.missingConsentPolicy).toBe('refuse');
    expect((await replica().get('ws_b', 'shared'))?.missingConsentPolicy).toBe('accept');
  });

  it('shows a change made by another process once the cache of at most one second expires', async () => {
    const ingestion = replica();
    const admin = replica();
    await admin.put({ workspaceId: 'ws_3', sourceId: 'web', missingConsentPolicy: 'accept' });
    expect((await ingestion.get('ws_3', 'web'))?.missingConsentPolicy).toBe('accept');
    await admin.put({ workspaceId: 'ws_3', sourceId: 'web', missingConsentPolicy: 'refuse' });
    now += SOURCE_SETTINGS_CACHE_TTL_MS - 1;
    expect((await ingestion.get('ws_3', 'web'))?.missingConsentPolicy).toBe('accept');
    now += 1;
    expect((await ingestion.get('ws_3', 'web'))?.missingConsentPolicy).toBe('refuse');
  });

  it('refuses an invalid tracking plan with a clear error and stores nothing', async () => {
    await expect(
      replica().put({
        workspaceId: 'ws_4',
        sourceId: 'web',
        missingConsentPolicy: 'accept',
        trackingPlan: { events: {} },
      }),
    ).rejects.toMatchObject({
      name: SourceSettingsError.name,
      message:
        'tracking plan of source "web" in workspace "ws_4" refused: invalid tracking plan: mode is required',
    });
    expect(await replica().get('ws_4', 'web')).toBeNull();
  });
});
