import { identifyEvent, trackEvent } from '../test-support/events';
import {
  identifierKey,
  identifiersOfCall,
  isBlockedIdentifier,
  normalizeIdentifier,
  profileIdFor,
} from './identifiers';

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

describe('identifiersOfCall beyond ids and identify traits', () => {
  const withContext = (context: Record<string, unknown>, userId = 'u1') => {
    const { call } = trackEvent('x', { userId }).payload;
    return { ...call, context: JSON.parse(JSON.stringify(context)) };
  };

  it('reads email and phone from context.traits, the device id and external ids of any call', () => {
    const call = withContext({
      traits: { email: 'B@X.io', phone: '+44 20 7946 0958' },
      device: { id: 'dev-1' },
      externalIds: [
        { id: 'cus_42', type: 'stripe_customer_id', collection: 'users' },
        { id: 'nope', type: 'has space' },
      ],
    });

    expect(identifiersOfCall(call)).toEqual([
      { type: 'userId', value: 'u1' },
      { type: 'email', value: 'b@x.io' },
      { type: 'phone', value: '+442079460958' },
      { type: 'deviceId', value: 'dev-1' },
      { type: 'external:stripe_customer_id', value: 'cus_42' },
    ]);
  });

  it.each(['0', '0000-0000', '-1', 'null', 'Undefined', 'anonymous', 'unknown'])(
    'never resolves by the placeholder id %j',
    (value) => {
      expect(identifiersOfCall(withContext({ device: { id: 'd' } }, value))).toEqual([
        { type: 'deviceId', value: 'd' },
      ]);
    },
  );

  it.each(['noemail@shop.com', 'test@test.com', 'none@none.com', 'no-reply@x.io'])(
    'never resolves by the placeholder email %j',
    (email) => {
      expect(isBlockedIdentifier({ type: 'email', value: email })).toBe(true);
    },
  );

  it('keeps real emails, including ones at example.com', () => {
    expect(isBlockedIdentifier({ type: 'email', value: 'customer-17850@example.com' })).toBe(false);
    expect(isBlockedIdentifier({ type: 'email', value: 'nullah@shop.com' })).toBe(false);
  });

  it('lists an identifier sent twice once', () => {
    const call = withContext({ traits: { email: 'a@b.c' }, device: { id: 'u1' } });

    expect(identifiersOfCall({ ...call, type: 'identify', traits: { email: 'A@b.c' } })).toEqual([
      { type: 'userId', value: 'u1' },
      { type: 'email', value: 'a@b.c' },
      { type: 'deviceId', value: 'u1' },
    ]);
  });
});

describe('normalizeIdentifier', () => {
  const phone = (value: string) => normalizeIdentifier({ type: 'phone', value }).value;

  it('writes an international phone number as ingestion stores it (E.164), however it was typed', () => {
    expect(phone('+44 (0)20 7946 0958')).toBe('+442079460958');
    expect(phone('0044 20 7946 0958')).toBe('+442079460958');
    expect(phone('+1 (415) 555-2671')).toBe('+14155552671');
    expect(phone('+14155552671')).toBe('+14155552671');
  });

  it('only strips the separators of a number it cannot read (national, or not a phone)', () => {
    expect(phone('(415) 555-2671')).toBe('4155552671');
    expect(phone('12-34')).toBe('1234');
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
