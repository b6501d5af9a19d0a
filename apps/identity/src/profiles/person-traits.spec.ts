import { hasPersonData, matchKeysOf, personRecordOf, preparedPersonOf } from './person-traits';

describe('personRecordOf', () => {
  it("reads Segment's reserved traits, the address as an object", () => {
    const record = personRecordOf({
      firstName: 'Anna',
      lastName: 'Schmidt',
      birthday: '1985-03-07',
      phone: '+49 151 23456789',
      email: 'anna@example.com',
      address: {
        street: 'Hauptstraße 12',
        city: 'Berlin',
        postalCode: '10115',
        state: 'BE',
        country: 'DE',
      },
      plan: 'pro',
    });

    expect(record).toEqual({
      firstName: 'Anna',
      lastName: 'Schmidt',
      birthday: '1985-03-07',
      phone: '+49 151 23456789',
      email: 'anna@example.com',
      address: {
        street: 'Hauptstraße 12',
        city: 'Berlin',
        postalCode: '10115',
        state: 'BE',
        country: 'DE',
      },
    });
  });

  it('splits name into first word and the rest when firstName and lastName are absent', () => {
    expect(personRecordOf({ name: '  Anna Maria  von Schmidt ' })).toMatchObject({
      firstName: 'Anna',
      lastName: 'Maria von Schmidt',
    });
    expect(personRecordOf({ name: 'Cher' })).toMatchObject({
      firstName: 'Cher',
      lastName: undefined,
    });
  });

  it('prefers firstName and lastName to the parts of name, each on its own', () => {
    expect(personRecordOf({ name: 'Anna Schmidt', lastName: 'Weber' })).toMatchObject({
      firstName: 'Anna',
      lastName: 'Weber',
    });
  });

  it('takes a phone or postcode sent as a number, and treats other non-text values as missing', () => {
    const record = personRecordOf({
      phone: 4915123456789,
      firstName: 42,
      email: ['a@example.com'],
      birthday: '   ',
      address: { postalCode: 10115, city: { name: 'Berlin' } },
    });

    expect(record).toEqual({
      phone: '4915123456789',
      address: { postalCode: '10115' },
    });
  });

  it('treats an address that is not an object, and overlong values, as missing', () => {
    const record = personRecordOf({ address: 'Hauptstraße 12', lastName: 'x'.repeat(513) });

    expect(record.address).toEqual({});
    expect(record.lastName).toBeUndefined();
  });
});

describe('matchKeysOf', () => {
  it('gives a profile and a call for the same person a shared key despite a nickname and another phone format', () => {
    const profile = matchKeysOf({
      firstName: 'William',
      lastName: 'Weber',
      birthday: '1980-05-09',
      phone: '+49 151 12345678',
    });
    const call = matchKeysOf({
      name: 'Bill Weber',
      birthday: '1980-05-09',
      phone: '0151 1234 5678',
    });

    expect(call.filter((key) => profile.includes(key))).toEqual(
      expect.arrayContaining(['ph:2345678', 'bd:1980-05-09:w']),
    );
  });

  it('is empty for traits without PII to block on', () => {
    expect(matchKeysOf({ plan: 'pro', firstName: 'Anna' })).toEqual([]);
  });
});

describe('hasPersonData', () => {
  it('is false for traits without anything the comparators read', () => {
    expect(hasPersonData(preparedPersonOf({ plan: 'pro', address: { country: 'DE' } }))).toBe(
      false,
    );
  });

  it('is true for a single comparable field', () => {
    expect(hasPersonData(preparedPersonOf({ address: { city: 'Berlin' } }))).toBe(true);
  });
});
