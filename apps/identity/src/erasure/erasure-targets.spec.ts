import { erasureTargetsOf, lookupIdentifiersOf } from './erasure-targets';

describe('lookupIdentifiersOf', () => {
  it("looks a request's identifiers up as identity indexes them, emails lower-cased and phones without separators", () => {
    const lookups = lookupIdentifiersOf([
      { type: 'email', value: ' Ada@Example.COM ' },
      { type: 'phone', value: '+47 123 45 678' },
      { type: 'deviceId', value: 'dev-1' },
    ]);

    expect(lookups).toEqual(
      expect.arrayContaining([
        { type: 'email', value: 'ada@example.com' },
        { type: 'phone', value: '+4712345678' },
        { type: 'deviceId', value: 'dev-1' },
      ]),
    );
  });

  it('finds an externalIds entry named by its own type under identity\'s "external:" type', () => {
    expect(lookupIdentifiersOf([{ type: 'crm_id', value: 'C-7' }])).toEqual([
      { type: 'external:crm_id', value: 'C-7' },
    ]);
  });

  it('also looks a standard type up as an externalIds type, as ingestion matches both', () => {
    expect(lookupIdentifiersOf([{ type: 'userId', value: 'u-1' }])).toEqual([
      { type: 'userId', value: 'u-1' },
      { type: 'external:userId', value: 'u-1' },
    ]);
  });

  it('looks each identifier up once however often the request names it', () => {
    const lookups = lookupIdentifiersOf([
      { type: 'email', value: 'ada@example.com' },
      { type: 'email', value: 'ADA@example.com' },
    ]);

    expect(lookups.filter((lookup) => lookup.type === 'email')).toHaveLength(1);
  });
});

describe('erasureTargetsOf', () => {
  it('erases each claimed profile once, on its partition, in profile id order', () => {
    const claim = (type: string, profileId: string, partition: number) => ({
      identifier: { type, value: `${type}-of-${profileId}` },
      profileId,
      partition,
    });

    const targets = erasureTargetsOf([
      claim('userId', 'prof_b', 3),
      claim('email', 'prof_a', 1),
      claim('anonymousId', 'prof_b', 3),
    ]);

    expect(targets).toEqual([
      { profileId: 'prof_a', partition: 1 },
      { profileId: 'prof_b', partition: 3 },
    ]);
  });

  it('has nothing to erase when nothing is claimed', () => {
    expect(erasureTargetsOf([])).toEqual([]);
  });
});
