import { identifyEvent, trackEvent } from '../test-support/events';
import { identifierKey, identifiersOfCall, profileIdFor } from './identifiers';

describe('identifiersOfCall', () => {
  it('takes userId, anonymousId and the lower-cased, trimmed email trait of an identify', () => {
    const event = identifyEvent(
      { email: '  Ann@Example.COM ' },
      { userId: 'U-1', anonymousId: 'Anon-1' },
    );

    expect(identifiersOfCall(event.payload.call)).toEqual([
      { type: 'userId', value: 'U-1' },
      { type: 'anonymousId', value: 'Anon-1' },
      { type: 'email', value: 'ann@example.com' },
    ]);
  });

  it('ignores an email trait that is not a non-empty string', () => {
    expect(identifiersOfCall(identifyEvent({ email: 42 }, { userId: 'u1' }).payload.call)).toEqual([
      { type: 'userId', value: 'u1' },
    ]);
    expect(
      identifiersOfCall(identifyEvent({ email: '  ' }, { userId: 'u1' }).payload.call),
    ).toHaveLength(1);
  });

  it('reads no email from calls other than identify', () => {
    expect(identifiersOfCall(trackEvent('x', { anonymousId: 'a1' }).payload.call)).toEqual([
      { type: 'anonymousId', value: 'a1' },
    ]);
  });
});

describe('profileIdFor', () => {
  it('derives the same id from the same workspace and event, and different ids otherwise', () => {
    expect(profileIdFor('ws-1', 'evt-1')).toBe(profileIdFor('ws-1', 'evt-1'));
    expect(profileIdFor('ws-1', 'evt-1')).not.toBe(profileIdFor('ws-2', 'evt-1'));
    expect(profileIdFor('ws-1', 'evt-1')).not.toBe(profileIdFor('ws-1', 'evt-2'));
  });
});

describe('identifierKey', () => {
  it('joins workspace, type and value without escaping', () => {
    expect(identifierKey('ws', { type: 'email', value: 'a.b@c.d' })).toBe('ws|email|a.b@c.d');
  });
});
