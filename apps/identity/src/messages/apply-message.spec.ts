import { MessageFailedV1, MessageRequestedV1, MessageSkippedV1 } from '@meridian/contracts';
import { emptyProfile, noEngagement, PROFILE_LIMITS, type Profile } from '../profiles';
import {
  messageClickedEvent,
  messageDeliveredEvent,
  messageSentEvent,
} from '../test-support/events';
import { applyMessageEvent, historyEntryOf } from './apply-message';
import type { MessageLifecycleEvent } from './message-lifecycle';

const NOW = '2025-02-01T00:00:00.000Z';
const profileId = 'p-1';

function storedProfile(): Profile {
  return {
    ...emptyProfile({ profileId, workspaceId: 'ws-1', partition: 0, now: NOW }),
    revision: 1,
  };
}

function applied(profile: Profile, event: MessageLifecycleEvent): Profile {
  const outcome = applyMessageEvent(profile, event, NOW);
  if (outcome.kind !== 'applied') throw new Error(`expected applied, got ${outcome.kind}`);
  return outcome.profile;
}

const envelope = {
  version: 1,
  workspaceId: 'ws-1',
  occurredAt: '2025-01-01T10:00:00.000Z',
  receivedAt: '2025-01-01T10:00:00.000Z',
  correlationId: 'corr',
  causationId: null,
};
const ref = {
  messageId: 'm-9',
  profileId,
  partition: 0,
  channel: 'sms',
  templateId: 't',
  journeyId: null,
};

describe('applyMessageEvent', () => {
  it('records the lifecycle event first in the message history with its detail', () => {
    const profile = applied(
      storedProfile(),
      messageClickedEvent({ profileId, url: 'https://x.test/a' }),
    );

    expect(profile.messages[0]).toEqual({
      messageId: 'message-1',
      channel: 'email',
      templateId: 'welcome',
      journeyId: 'onboarding',
      status: 'clicked',
      at: '2025-01-01T10:00:00.000Z',
      detail: 'https://x.test/a',
    });
    expect(profile.revision).toBe(2);
  });

  it('counts sent, delivered and clicked per channel', () => {
    let profile = storedProfile();
    profile = applied(profile, messageSentEvent({ profileId, messageId: 'm1' }));
    profile = applied(profile, messageDeliveredEvent({ profileId, messageId: 'm1' }));
    profile = applied(profile, messageSentEvent({ profileId, messageId: 'm2' }));
    profile = applied(profile, messageSentEvent({ profileId, messageId: 'm3', channel: 'push' }));

    expect(profile.computed.engagement).toEqual([
      { ...noEngagement('email'), sent: 2, delivered: 1 },
      { ...noEngagement('push'), sent: 1 },
    ]);
  });

  it('records and counts requested and skipped messages per channel', () => {
    const requested = MessageRequestedV1.parse({
      ...envelope,
      id: 'e-req',
      type: 'message.requested',
      payload: { ...ref, recipient: { phone: '+4712345678' }, variables: {} },
    });
    const skipped = MessageSkippedV1.parse({
      ...envelope,
      id: 'e-skip',
      type: 'message.skipped',
      payload: { ...ref, reason: 'quiet hours' },
    });

    const profile = applied(applied(storedProfile(), requested), skipped);

    expect(profile.messages.map((entry) => [entry.status, entry.detail])).toEqual([
      ['skipped', 'quiet hours'],
      ['requested', null],
    ]);
    expect(profile.computed.engagement).toEqual([
      { ...noEngagement('sms'), requested: 1, skipped: 1 },
    ]);
  });

  it('ignores a second event with the same messageId and status, so counters do not double', () => {
    const profile = applied(storedProfile(), messageSentEvent({ profileId, id: 'e1' }));

    const outcome = applyMessageEvent(profile, messageSentEvent({ profileId, id: 'e2' }), NOW);

    expect(outcome).toEqual({ kind: 'duplicate' });
  });

  it('recognises a redelivery of an applied event by its id', () => {
    const event = messageSentEvent({ profileId, id: 'e1' });
    const profile = applied(storedProfile(), event);

    expect(applyMessageEvent(profile, event, NOW)).toEqual({ kind: 'redelivered' });
  });

  it('keeps only the newest 100 history entries', () => {
    let profile = storedProfile();
    for (let index = 0; index < 105; index += 1) {
      profile = applied(profile, messageSentEvent({ profileId, messageId: `m${index}` }));
    }

    expect(profile.messages).toHaveLength(PROFILE_LIMITS.messages);
    expect(profile.messages[0]?.messageId).toBe('m104');
    expect(profile.messages.at(-1)?.messageId).toBe('m5');
  });

  it('notes whether a failure was permanent', () => {
    const failed = MessageFailedV1.parse({
      ...envelope,
      id: 'e-fail',
      type: 'message.failed',
      payload: { ...ref, error: 'rejected', permanent: true },
    });
    expect(historyEntryOf(failed).detail).toBe('rejected (permanent)');
  });
});
