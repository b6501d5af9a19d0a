import { fittedFieldsOf, type MatchModel } from './match-model';
import { MatchModelCache, MODEL_CACHE_MS } from './match-model-cache';
import { HAND_SET_MODEL } from './test-support/hand-set-model';

const stored: MatchModel = {
  workspaceId: 'ws-1',
  fields: fittedFieldsOf(HAND_SET_MODEL),
  matchPrior: 0.01,
  thresholds: { upper: 12, lower: 5 },
  fittedAt: '2025-01-01T00:00:00.000Z',
  profilesSampled: 500,
  pairsUsed: 120,
  iterations: 9,
  converged: true,
};

function cacheOver(load: (workspaceId: string) => Promise<MatchModel | null>) {
  let now = 0;
  const warnings: string[] = [];
  const loads: string[] = [];
  const cache = new MatchModelCache(
    (workspaceId) => {
      loads.push(workspaceId);
      return load(workspaceId);
    },
    (message) => warnings.push(message),
    () => now,
  );
  return { cache, loads, warnings, advance: (ms: number) => (now += ms) };
}

describe('MatchModelCache', () => {
  it('loads a workspace once per minute and then again', async () => {
    const { cache, loads, advance } = cacheOver(async () => stored);

    const first = await cache.modelOf('ws-1');
    await cache.modelOf('ws-1');
    advance(MODEL_CACHE_MS - 1);
    await cache.modelOf('ws-1');
    expect(loads).toEqual(['ws-1']);
    advance(1);
    await cache.modelOf('ws-1');

    expect(loads).toEqual(['ws-1', 'ws-1']);
    expect(first?.thresholds).toEqual({ upper: 12, lower: 5 });
    expect(first?.table.matchProbability(0)).toBeCloseTo(0.01, 10);
  });

  it('remembers that a workspace has no model for as long', async () => {
    const { cache, loads } = cacheOver(async () => null);

    expect(await cache.modelOf('ws-2')).toBeNull();
    expect(await cache.modelOf('ws-2')).toBeNull();
    expect(loads).toEqual(['ws-2']);
  });

  it('loads again at once after forget (a fit on this instance)', async () => {
    const { cache, loads } = cacheOver(async () => stored);

    await cache.modelOf('ws-1');
    cache.forget('ws-1');
    await cache.modelOf('ws-1');

    expect(loads).toEqual(['ws-1', 'ws-1']);
  });

  it('does not remember a failed load', async () => {
    let fail = true;
    const { cache, loads } = cacheOver(async () => {
      if (fail) throw new Error('database down');
      return stored;
    });

    await expect(cache.modelOf('ws-1')).rejects.toThrow('database down');
    fail = false;

    expect(await cache.modelOf('ws-1')).not.toBeNull();
    expect(loads).toHaveLength(2);
  });

  it('does not use a model fitted for other comparators, and says why', async () => {
    const { cache, warnings } = cacheOver(async () => ({
      ...stored,
      fields: stored.fields.slice(1),
    }));

    expect(await cache.modelOf('ws-1')).toBeNull();
    expect(warnings).toEqual([expect.stringMatching(/ws-1: match model not used: .*fit it again/)]);
  });
});
