import { EventsResolvedV1, ProfileUpdatedV1 } from '@meridian/contracts';
import { identifyEvent, trackEvent } from '../test-support/events';
import { applyCall } from './apply-call';
import { identifiersOfCall } from './identifiers';
import { changeToRepublish, resolutionEvents } from './outgoing-events';
import { emptyProfile } from './profile.model';

const NOW = '2025-02-01T00:00:00.000Z';

function appliedIdentify() {
  const event = identifyEvent({ name: 'Ann' }, { userId: 'u1', id: 'evt-1' });
  const start = emptyProfile({ profileId: 'p-1', workspaceId: 'ws-1', partition: 2, now: NOW });
  const { profile, changes } = applyCall(start, event, identifiersOfCall(event.payload.call), NOW);
  return { event, profile, changes };
}

describe('resolutionEvents', () => {
  it('derives ids from the incoming event, copies the correlation id and names the cause', () => {
    const { event, profile, changes } = appliedIdentify();

    const { resolved, updated } = resolutionEvents(profile, event, { created: true, changes });

    expect(resolved.id).toBe('evt-1:resolved');
    expect(updated.id).toBe('evt-1:profile-updated');
    for (const outgoing of [resolved, updated]) {
      expect(outgoing.correlationId).toBe(event.correlationId);
      expect(outgoing.causationId).toBe('evt-1');
      expect(outgoing.workspaceId).toBe('ws-1');
    }
  });

  it('builds events their contracts accept, with the snapshot and the changes by path', () => {
    const { event, profile, changes } = appliedIdentify();

    const { resolved, updated } = resolutionEvents(profile, event, { created: true, changes });

    expect(EventsResolvedV1.parse(resolved).payload.profile).toEqual({
      traits: { name: 'Ann' },
      identifiers: [{ type: 'userId', value: 'u1' }],
      revision: 1,
    });
    const payload = ProfileUpdatedV1.parse(updated).payload;
    expect(payload).toMatchObject({ profileId: 'p-1', partition: 2, revision: 1, created: true });
    expect(payload.changes['traits.name']).toBe('Ann');
  });
});

describe('changeToRepublish', () => {
  it('returns the stored change of the last applied event, so a republish is exact', () => {
    const { profile, changes } = appliedIdentify();
    expect(changeToRepublish(profile, 'evt-1')).toEqual({
      eventId: 'evt-1',
      created: true,
      changes,
    });
  });

  it('returns an empty change for an older event whose change is no longer kept', () => {
    const { profile } = appliedIdentify();
    const later = applyCall(profile, trackEvent('x', { userId: 'u1' }), [], NOW).profile;
    expect(changeToRepublish(later, 'evt-1')).toEqual({ created: false, changes: [] });
  });
});
