import { createModelVersion, type ModelVersion } from '@meridian/learning';
import { TrackedVersions } from './tracked-versions';

const AT = '2026-11-01T00:00:00.000Z';
const LATER = '2026-11-02T00:00:00.000Z';

function version(status: 'champion' | 'challenger', existing: ModelVersion[] = []): ModelVersion {
  return createModelVersion(
    {
      workspaceId: 'ws',
      modelId: 'send-time',
      kind: 'send-time',
      status,
      createdAt: AT,
      metrics: { engagements: existing.length },
      hyperparameters: {},
      state: 'x',
    },
    existing,
  );
}

describe('TrackedVersions', () => {
  it('hands out a new version for insertion, then nothing once it is saved', () => {
    const tracked = new TrackedVersions();
    tracked.set(version('champion'), 0, AT);
    const [unsaved] = tracked.unsaved();
    expect(unsaved).toMatchObject({
      expectedRevision: 0,
      document: { revision: 1, updatedAt: AT },
    });
    if (unsaved) tracked.saved(unsaved.document);
    expect(tracked.unsaved()).toEqual([]);
  });

  it('moves a stored version one revision on, however often it changes before the write', () => {
    const tracked = new TrackedVersions();
    const first = version('champion');
    tracked.set(first, 0, AT);
    for (const { document } of tracked.unsaved()) tracked.saved(document);
    tracked.set({ ...first, metrics: { engagements: 5 } }, 0, LATER);
    tracked.set({ ...first, metrics: { engagements: 9 } }, 0, LATER);
    expect(tracked.unsaved()).toEqual([
      {
        expectedRevision: 1,
        document: expect.objectContaining({ revision: 2, metrics: { engagements: 9 } }),
      },
    ]);
  });

  it('keeps a write that failed for the next attempt, from the same expected revision', () => {
    const tracked = new TrackedVersions();
    tracked.set(version('champion'), 0, AT);
    tracked.set(version('champion'), 0, LATER);
    expect(tracked.unsaved()).toEqual([expect.objectContaining({ expectedRevision: 0 })]);
  });

  it('forgets a retired version once it is stored', () => {
    const champion = version('champion');
    const tracked = new TrackedVersions();
    tracked.set({ ...champion, status: 'retired', retiredAt: AT }, 0, AT);
    for (const { document } of tracked.unsaved()) tracked.saved(document);
    expect(tracked.documents).toEqual([]);
  });
});
