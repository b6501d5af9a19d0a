import {
  normaliseIdentifier,
  normaliseRequestIdentifiers,
  SubjectIdentifier,
} from './subject-identifier';

describe('normaliseIdentifier', () => {
  it('trims and lower-cases emails, as ingestion hygiene stores them', () => {
    expect(normaliseIdentifier({ type: 'email', value: '  Ada.Lovelace@Example.COM ' })).toEqual({
      ok: true,
      identifier: { type: 'email', value: 'ada.lovelace@example.com' },
    });
  });

  it('puts international phones in E.164 and reads national ones in the default region', () => {
    expect(normaliseIdentifier({ type: 'phone', value: '+1 (415) 555-2671' })).toEqual({
      ok: true,
      identifier: { type: 'phone', value: '+14155552671' },
    });
    expect(normaliseIdentifier({ type: 'phone', value: '030 1234567' }, 'DE')).toEqual({
      ok: true,
      identifier: { type: 'phone', value: '+49301234567' },
    });
  });

  it('refuses a national phone without a region and a number that is not valid', () => {
    expect(normaliseIdentifier({ type: 'phone', value: '030 1234567' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('international format'),
    });
    expect(normaliseIdentifier({ type: 'phone', value: '+1 555' })).toMatchObject({ ok: false });
  });

  it('keeps userId, anonymousId and externalIds values exactly as given', () => {
    for (const type of ['userId', 'anonymousId', 'crm_id']) {
      expect(normaliseIdentifier({ type, value: ' Mixed Case ' })).toEqual({
        ok: true,
        identifier: { type, value: ' Mixed Case ' },
      });
    }
  });

  it('refuses an email that is only blanks', () => {
    expect(normaliseIdentifier({ type: 'email', value: '   ' })).toMatchObject({ ok: false });
  });
});

describe('normaliseRequestIdentifiers', () => {
  it('merges identifiers that normalise to the same one', () => {
    expect(
      normaliseRequestIdentifiers([
        { type: 'email', value: 'Ada@Example.com' },
        { type: 'email', value: ' ada@example.com' },
        { type: 'userId', value: 'u-1' },
      ]),
    ).toEqual({
      ok: true,
      identifiers: [
        { type: 'email', value: 'ada@example.com' },
        { type: 'userId', value: 'u-1' },
      ],
    });
  });

  it('reports every identifier that cannot be normalised, by its path in the body', () => {
    expect(
      normaliseRequestIdentifiers([
        { type: 'phone', value: 'not a phone' },
        { type: 'userId', value: 'u-1' },
        { type: 'email', value: ' ' },
      ]),
    ).toEqual({
      ok: false,
      issues: [
        expect.objectContaining({ path: ['identifiers', 0, 'value'], code: 'invalid_identifier' }),
        expect.objectContaining({ path: ['identifiers', 2, 'value'], code: 'invalid_identifier' }),
      ],
    });
  });
});

describe('SubjectIdentifier', () => {
  it('accepts the standard types and externalIds types, and refuses types that are not names', () => {
    expect(SubjectIdentifier.safeParse({ type: 'crm_id', value: 'c-1' }).success).toBe(true);
    expect(SubjectIdentifier.safeParse({ type: 'has space', value: 'x' }).success).toBe(false);
    expect(SubjectIdentifier.safeParse({ type: 'userId', value: '' }).success).toBe(false);
    expect(SubjectIdentifier.safeParse({ type: 'userId', value: 'u', extra: 1 }).success).toBe(
      false,
    );
  });
});
