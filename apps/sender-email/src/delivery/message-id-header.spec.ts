import { domainOfAddress, messageIdHeader } from './message-id-header';

describe('messageIdHeader', () => {
  it('uses a plain message id as the local part', () => {
    expect(messageIdHeader('msg_0123abcd', 'meridian.local')).toBe('<msg_0123abcd@meridian.local>');
  });

  it('hashes an id that is not a plain token, the same way every time', () => {
    const header = messageIdHeader('a b<c>@d', 'meridian.local');
    expect(header).toMatch(/^<[0-9a-f]{40}@meridian\.local>$/);
    expect(messageIdHeader('a b<c>@d', 'meridian.local')).toBe(header);
  });
});

describe('domainOfAddress', () => {
  it('reads the domain of a named or bare address', () => {
    expect(domainOfAddress('Meridian <no-reply@meridian.local>')).toBe('meridian.local');
    expect(domainOfAddress('no-reply@example.com')).toBe('example.com');
  });

  it('returns null when there is no address', () => {
    expect(domainOfAddress('Meridian')).toBeNull();
  });
});
