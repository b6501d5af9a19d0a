import type { LabelledExample } from '@meridian/learning';
import {
  PropensityMemberState,
  PropensityModel,
  PropensityRegistryError,
} from './propensity-model';

const ref = {
  workspaceId: 'ws',
  partition: 2,
  goal: { goal: 'Order Completed', windowDays: 7, modelId: 'propensity:Order Completed:7d' },
};
const POLICY = { minExamples: 100, checkEvery: 50 };
const NOW = '2026-11-01T00:00:00.000Z';

/** Buyers (feature `plan=pro`) convert, the others do not: a signal fast learning wins on. */
function example(index: number): LabelledExample {
  const buyer = index % 2 === 0;
  return {
    profileId: `p-${index}`,
    goal: 'Order Completed',
    observedAt: '2026-10-01T00:00:00.000Z',
    labelledAt: '2026-10-08T00:00:00.000Z',
    label: buyer ? 1 : 0,
    goalAt: buyer ? '2026-10-02T00:00:00.000Z' : null,
    features: [{ name: buyer ? 'plan=pro' : 'plan=free', value: 1 }],
  };
}

function learnUntilPromoted(model: PropensityModel, limit = 2_000): number {
  for (let index = 0; index < limit; index++)
    if (model.learn(example(index), NOW)) return index + 1;
  return -1;
}

describe('PropensityModel', () => {
  it('starts as version 1 champion and version 2 challenger, both still to be written', () => {
    const model = PropensityModel.create(ref, POLICY, NOW);
    const unsaved = model.versions.unsaved();
    expect(
      unsaved.map(({ document, expectedRevision }) => [
        document.version,
        document.status,
        expectedRevision,
      ]),
    ).toEqual([
      [1, 'champion', 0],
      [2, 'challenger', 0],
    ]);
    expect(unsaved[0]?.document).toMatchObject({
      _id: 'ws|propensity:Order Completed:7d|2|1',
      partition: 2,
      kind: 'propensity',
      hyperparameters: { alpha: 0.02, goal: 'Order Completed', windowDays: 7 },
    });
    expect(PropensityMemberState.safeParse(unsaved[1]?.document.state).success).toBe(true);
  });

  it('promotes the faster learner with confidence and records three versions', () => {
    const model = PropensityModel.create(ref, POLICY, NOW);
    for (const { document } of model.versions.unsaved()) model.versions.saved(document);

    const examples = learnUntilPromoted(model);

    expect(examples).toBeGreaterThanOrEqual(POLICY.minExamples);
    const written = model.versions.unsaved().map(({ document }) => document);
    expect(written.map((document) => [document.version, document.status])).toEqual([
      [1, 'retired'],
      [2, 'champion'],
      [3, 'challenger'],
    ]);
    expect(written[0]).toMatchObject({ retiredAt: NOW, revision: 2 });
    expect(written[1]).toMatchObject({ promotedAt: NOW, hyperparameters: { alpha: 0.1 } });
    expect(written[1]?.metrics['zScore']).toBeGreaterThan(2.5);
    expect(written[2]).toMatchObject({ revision: 1, hyperparameters: { alpha: 0.2 } });
    expect(model.championVersion).toBe(2);
  });

  it('reloads from its checkpoint predicting exactly as before', () => {
    const model = PropensityModel.create(ref, POLICY, NOW);
    for (let index = 0; index < 60; index++) model.learn(example(index), NOW);
    model.checkpoint(NOW);
    expect(model.unsaved).toBe(0);
    const documents = model.versions.documents;
    const reloaded = PropensityModel.fromDocuments(ref, POLICY, documents);
    const buyer = { 'plan=pro': 1 };
    expect(reloaded.predict(buyer)).toBe(model.predict(buyer));
    expect(reloaded.predict(buyer)).toBeGreaterThan(reloaded.predict({ 'plan=free': 1 }));
    expect(documents[0]?.metrics['examples']).toBe(60);
  });

  it('refuses to load without a champion and a challenger', () => {
    const [champion] = PropensityModel.create(ref, POLICY, NOW).versions.documents;
    expect(() => PropensityModel.fromDocuments(ref, POLICY, champion ? [champion] : [])).toThrow(
      PropensityRegistryError,
    );
  });
});
