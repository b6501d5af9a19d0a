import { decodePattern, encodePattern } from './pattern';

describe('handler patterns', () => {
  it('round-trips consumer, type and version', () => {
    const key = { consumer: 'identity-ingest', type: 'call.accepted', version: 2 };
    expect(decodePattern(encodePattern(key))).toEqual(key);
  });

  it('gives the same pattern to the same claim and different ones otherwise', () => {
    const claim = { consumer: 'sender-email', type: 'message.requested', version: 1 };
    expect(encodePattern(claim)).toBe(encodePattern({ ...claim }));
    expect(encodePattern(claim)).not.toBe(encodePattern({ ...claim, version: 2 }));
    expect(encodePattern(claim)).not.toBe(
      encodePattern({ ...claim, consumer: 'identity-messages' }),
    );
  });

  it('does not decode patterns of other transports', () => {
    expect(decodePattern('user.created')).toBeUndefined();
    expect(decodePattern({ cmd: 'sum' })).toBeUndefined();
    expect(decodePattern('jetstream:no-version/x')).toBeUndefined();
  });

  it('refuses versions that are not positive integers', () => {
    expect(() => encodePattern({ consumer: 'c', type: 't', version: 0 })).toThrow(
      /positive integer/,
    );
  });
});
