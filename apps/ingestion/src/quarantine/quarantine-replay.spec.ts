import type { CallQuarantinedV1 } from '@meridian/contracts';
import { replayCallOf, replayMessageId } from './quarantine-replay';

function quarantined(payload: Partial<CallQuarantinedV1['payload']>): CallQuarantinedV1 {
  const id = 'quarantine_abc';
  return {
    id,
    type: 'call.quarantined',
    version: 1,
    workspaceId: 'ws',
    occurredAt: '2026-03-01T12:00:00.000Z',
    receivedAt: '2026-03-01T12:00:00.000Z',
    correlationId: id,
    causationId: null,
    payload: {
      sourceId: 'src',
      kind: 'blocked',
      code: 'TRACKING_PLAN_BLOCKED',
      violations: [],
      call: {},
      ...payload,
    },
  };
}

describe('what a replay sends', () => {
  it('keeps the messageId the client sent, so a later SDK retry of the call is a duplicate', () => {
    const event = quarantined({ call: { userId: 'u', messageId: 'm-1' }, callType: 'track' });

    expect(replayMessageId(event)).toBe('m-1');
  });

  it('uses the quarantine event id when the client sent no usable messageId', () => {
    expect(replayMessageId(quarantined({ call: { userId: 'u' } }))).toBe('quarantine_abc');
    expect(replayMessageId(quarantined({ call: { messageId: 'x'.repeat(101) } }))).toBe(
      'quarantine_abc',
    );
    expect(replayMessageId(quarantined({ call: { messageId: 7 } }))).toBe('quarantine_abc');
  });

  it('replays the call as sent with the type its route recorded', () => {
    const event = quarantined({ call: { userId: 'u', event: 'Viewed' }, callType: 'track' });

    expect(replayCallOf(event, undefined)).toEqual({
      type: 'track',
      body: { userId: 'u', event: 'Viewed', messageId: 'quarantine_abc' },
    });
  });

  it("replaces the call by the fix, with the entry's messageId whatever the fix says", () => {
    const event = quarantined({ call: { userId: 'u', messageId: 'm-1' }, callType: 'track' });

    expect(replayCallOf(event, { userId: 'u', event: 'Fixed', messageId: 'other' })).toEqual({
      type: 'track',
      body: { userId: 'u', event: 'Fixed', messageId: 'm-1' },
    });
  });

  it("takes the fix's type over the entry's, and the call's own type for old entries", () => {
    const event = quarantined({ call: { type: 'page', userId: 'u' } });

    expect(replayCallOf(event, undefined)).toMatchObject({ type: 'page' });
    expect(replayCallOf(event, { type: 'screen', userId: 'u' })).toMatchObject({ type: 'screen' });
  });

  it('refuses a call whose type cannot be told, as a batch entry without one', () => {
    expect(replayCallOf(quarantined({ call: { value: 42 } }), undefined)).toEqual(
      expect.objectContaining({ rule: 'INVALID_CALL_TYPE', path: ['type'] }),
    );
    expect(replayCallOf(quarantined({ callType: 'track', call: {} }), { type: 'nope' })).toEqual(
      expect.objectContaining({ rule: 'INVALID_CALL_TYPE' }),
    );
  });
});
