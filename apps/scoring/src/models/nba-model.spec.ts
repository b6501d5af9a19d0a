import { NBA_CONTEXT } from './model-store';
import { NbaModel, NbaState } from './nba-model';

const ref = { workspaceId: 'ws', partition: 1, actionSetId: 'homepage' };
const WINDOW_MS = 60_000;
const T0 = Date.parse('2026-11-01T10:00:00.000Z');
const context = NBA_CONTEXT.encode({ recencyDays: 3, platform: 'ios' });

function decide(
  model: NbaModel,
  decisionId: string,
  profileId: string,
  rewardEvent: string | null = null,
) {
  return model.decide({
    decisionId,
    profileId,
    actionIds: ['offer-a', 'offer-b'],
    context,
    decidedAt: T0,
    rewardEvent,
  });
}

const newModel = () =>
  NbaModel.create(ref, NBA_CONTEXT.dimension, WINDOW_MS, '2026-11-01T00:00:00.000Z');

describe('NbaModel', () => {
  it('learns a decision at once as a zero and credits a click on its action within the window', () => {
    const model = newModel();
    const { actionId } = decide(model, 'd-1', 'p-1');
    expect(model.statistics(actionId)).toEqual({ pulls: 1, rewardSum: 0 });

    const settled = model.onClick('p-1', actionId, T0 + WINDOW_MS);

    expect(settled).toEqual([
      expect.objectContaining({ reward: 1, reason: 'responded', actionSetId: 'homepage' }),
    ]);
    expect(model.statistics(actionId)).toEqual({ pulls: 1, rewardSum: 1 });
    expect(model.onClick('p-1', actionId, T0 + 1)).toEqual([]);
  });

  it('ignores a click on another action or by another profile', () => {
    const model = newModel();
    const { actionId } = decide(model, 'd-1', 'p-1');
    const other = actionId === 'offer-a' ? 'offer-b' : 'offer-a';
    expect(model.onClick('p-1', other, T0 + 1)).toEqual([]);
    expect(model.onClick('p-2', actionId, T0 + 1)).toEqual([]);
    expect(model.pendingDecisions).toBe(1);
  });

  it('settles a silent decision with 0 when its window has closed', () => {
    const model = newModel();
    const { actionId } = decide(model, 'd-1', 'p-1');
    expect(model.closeExpired(T0 + WINDOW_MS)).toEqual([]);
    expect(model.closeExpired(T0 + WINDOW_MS + 1)).toEqual([
      expect.objectContaining({ reward: 0, reason: 'window-closed' }),
    ]);
    expect(model.statistics(actionId)).toEqual({ pulls: 1, rewardSum: 0 });
    expect(model.onClick('p-1', actionId, T0 + 2)).toEqual([]);
  });

  it('rewards a conversion goal with its event, not with a click', () => {
    const model = newModel();
    const { actionId } = decide(model, 'd-1', 'p-1', 'Order Completed');
    expect(model.onClick('p-1', actionId, T0 + 1)).toEqual([]);
    expect(model.onEvent('p-1', 'Order Completed', T0 + 2)).toEqual([
      expect.objectContaining({ reward: 1 }),
    ]);
    expect(model.statistics(actionId)?.rewardSum).toBe(1);
  });

  it('checkpoints its posteriors and pending decisions, and resumes from them', () => {
    const model = newModel();
    const { actionId } = decide(model, 'd-1', 'p-1', 'Order Completed');
    decide(model, 'd-2', 'p-2');
    model.checkpoint('2026-11-01T10:01:00.000Z');
    const [document] = model.versions.documents;
    expect(document?.metrics).toMatchObject({
      decisions: 2,
      rewards: 0,
      pendingDecisions: 2,
      actions: 2,
    });
    expect(NbaState.parse(document?.state).conversions).toEqual([
      { decisionId: 'd-1', event: 'Order Completed' },
    ]);

    const reloaded =
      document === undefined ? model : NbaModel.fromDocument(ref, document, WINDOW_MS);
    expect(reloaded.statistics(actionId)).toEqual(model.statistics(actionId));
    expect(reloaded.onEvent('p-1', 'Order Completed', T0 + 5)).toEqual([
      expect.objectContaining({ reward: 1 }),
    ]);
  });

  it("forgets a profile's pending decisions: the checkpoint no longer names it, its later clicks and events settle nothing, other profiles' decisions stay", () => {
    const model = newModel();
    const { actionId } = decide(model, 'd-1', 'p-erased');
    decide(model, 'd-2', 'p-erased', 'Order Completed');
    decide(model, 'd-3', 'p-kept');
    const before = model.statistics(actionId);

    expect(model.forgetProfile('p-erased')).toBe(2);

    expect(model.pendingDecisions).toBe(1);
    expect(model.onClick('p-erased', actionId, T0 + 1)).toEqual([]);
    expect(model.onEvent('p-erased', 'Order Completed', T0 + 1)).toEqual([]);
    expect(model.statistics(actionId)).toEqual(before);
    expect(model.unsaved).toBe(5);
    model.checkpoint('2026-11-01T10:01:00.000Z');
    const [document] = model.versions.documents;
    expect(JSON.stringify(document?.state)).not.toContain('p-erased');
    const state = NbaState.parse(document?.state);
    expect(state.pending.decisions.map((decision) => decision.decisionId)).toEqual(['d-3']);
    expect(state.conversions).toEqual([]);
    expect(model.forgetProfile('p-erased')).toBe(0);
  });
});
