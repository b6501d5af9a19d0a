import {
  championOf,
  createModelVersion,
  ModelVersion,
  nextVersion,
  promote,
  propensityModelId,
  recordPromotion,
} from './model-version';

const modelId = propensityModelId('Order Completed', 7);
const base = { workspaceId: 'w1', modelId, kind: 'propensity' as const };

function version(number: number, status: ModelVersion['status']): ModelVersion {
  return ModelVersion.parse({
    ...base,
    version: number,
    status,
    createdAt: '2026-03-01T00:00:00.000Z',
    metrics: { auc: 0.7, logLoss: 0.4, examples: 1000 },
    hyperparameters: { alpha: 0.1, l1: 0.5 },
    state: { format: 'ftrl-proximal/sparse-v1', slots: 'AAAA' },
  });
}

function contentOf(state: string) {
  return { metrics: {}, hyperparameters: {}, state };
}

describe('model registry', () => {
  it('names a propensity model by goal and window', () => {
    expect(modelId).toBe('propensity:Order Completed:7d');
    expect(() => propensityModelId('', 7)).toThrow(RangeError);
  });

  it('numbers versions after the highest so far', () => {
    expect(nextVersion([])).toBe(1);
    expect(nextVersion([{ version: 1 }, { version: 4 }, { version: 2 }])).toBe(5);
  });

  it('creates the first champion as version 1, promoted when created', () => {
    const first = createModelVersion(
      {
        ...base,
        status: 'champion',
        createdAt: '2026-03-01T00:00:00.000Z',
        metrics: {},
        hyperparameters: { alpha: 0.1 },
        state: 'opaque',
      },
      [],
    );
    expect(first).toMatchObject({
      version: 1,
      status: 'champion',
      promotedAt: '2026-03-01T00:00:00.000Z',
    });
  });

  it('promotes a challenger and retires the champion', () => {
    const at = '2026-03-05T10:00:00.000Z';
    const written = promote([version(1, 'champion'), version(2, 'challenger')], 2, at);
    expect(written).toEqual([
      expect.objectContaining({ version: 2, status: 'champion', promotedAt: at }),
      expect.objectContaining({ version: 1, status: 'retired', retiredAt: at }),
    ]);
  });

  it('rolls back to a retired version', () => {
    const written = promote(
      [version(1, 'retired'), version(2, 'champion')].map((v) =>
        v.version === 1 ? { ...v, retiredAt: '2026-03-02T00:00:00.000Z' } : v,
      ),
      1,
      '2026-03-06T00:00:00.000Z',
    );
    expect(written[0]).not.toHaveProperty('retiredAt');
    expect(written.map(({ version: number, status }) => [number, status])).toEqual([
      [1, 'champion'],
      [2, 'retired'],
    ]);
  });

  it('refuses to promote a missing version, the champion, or across models', () => {
    const versions = [version(1, 'champion'), version(2, 'challenger')];
    expect(() => promote(versions, 3, '2026-03-05T00:00:00.000Z')).toThrow('version 3 is not');
    expect(() => promote(versions, 1, '2026-03-05T00:00:00.000Z')).toThrow('already the champion');
    const stranger = { ...version(3, 'retired'), modelId: 'propensity:Signed Up:7d' };
    expect(() => promote([...versions, stranger], 2, '2026-03-05T00:00:00.000Z')).toThrow(
      /belongs to w1\/propensity:Signed Up:7d/,
    );
  });

  it('records a champion/challenger promotion as the documents to write', () => {
    const at = '2026-03-05T10:00:00.000Z';
    const written = recordPromotion([version(1, 'champion'), version(2, 'challenger')], {
      at,
      champion: {
        metrics: { auc: 0.81, logLoss: 0.33 },
        hyperparameters: { alpha: 0.1 },
        state: 'won',
      },
      challenger: { metrics: {}, hyperparameters: { alpha: 0.2 }, state: 'fresh' },
    });
    expect(written).toEqual([
      expect.objectContaining({
        version: 2,
        status: 'champion',
        state: 'won',
        metrics: { auc: 0.81, logLoss: 0.33 },
      }),
      expect.objectContaining({ version: 1, status: 'retired', retiredAt: at }),
      expect.objectContaining({ version: 3, status: 'challenger', state: 'fresh', createdAt: at }),
    ]);
    expect(championOf(written)?.version).toBe(2);
    const lonely = { at, champion: contentOf('won'), challenger: contentOf('fresh') };
    expect(() => recordPromotion([version(1, 'champion')], lonely)).toThrow(
      'expected one challenger version, found 0',
    );
  });

  it('rejects metrics or state MongoDB would not store as they are', () => {
    const valid = version(1, 'champion');
    expect(() => ModelVersion.parse({ ...valid, metrics: { 'auc.7d': 0.7 } })).toThrow(/dot/);
    expect(() => ModelVersion.parse({ ...valid, metrics: { auc: Number.NaN } })).toThrow();
    expect(() => ModelVersion.parse({ ...valid, state: { weights: [[1, 2]] } })).toThrow(
      'state.weights[0] is an array inside an array',
    );
    expect(() => ModelVersion.parse({ ...valid, state: { nested: { $set: 1 } } })).toThrow(/\$set/);
    expect(
      ModelVersion.parse({ ...valid, state: { slots: [1, 2], hyper: { alpha: 1 } } }),
    ).toBeTruthy();
  });
});
